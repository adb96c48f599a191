/**
 * The plugin's Broadleaf admin screens: Settings &gt; Integrations (Integration Setup, Global
 * Rules, Logs) and the product edit page's Integrations tab. Everything an operator changes goes
 * through the engine's services ({@code IntegrationService}, {@code RuleService}, {@code
 * IntegrationLog}); nothing here writes the engine's tables itself.
 */
package com.ckengine.admin;
