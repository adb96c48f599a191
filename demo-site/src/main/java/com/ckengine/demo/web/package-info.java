/** Servlet-level guards shared by the demo's storefront and admin web applications. */
package com.ckengine.demo.web;
