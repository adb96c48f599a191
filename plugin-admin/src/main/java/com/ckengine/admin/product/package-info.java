/** The product edit page's Integrations tab. */
package com.ckengine.admin.product;
