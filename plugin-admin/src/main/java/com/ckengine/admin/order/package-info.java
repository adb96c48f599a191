/** The store's orders as the admin screens ask about them. */
package com.ckengine.admin.order;
