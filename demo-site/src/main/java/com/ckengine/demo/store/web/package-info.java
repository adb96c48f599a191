/** The storefront's pages: catalog, product, cart, checkout and confirmation. */
package com.ckengine.demo.store.web;
