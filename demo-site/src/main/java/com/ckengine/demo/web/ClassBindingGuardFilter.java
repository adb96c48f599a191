package com.ckengine.demo.web;

import java.io.IOException;
import java.util.Enumeration;
import java.util.Locale;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;

/**
 * Refuses requests whose parameter names reach into {@code class.*}.
 *
 * <p>Spring 3.2's data binder walks {@code class.module.classLoader...} on JDK 9 and later (the
 * "Spring4Shell" path), so any form-backed controller could be used to rewrite class loader
 * properties. Broadleaf 3.1 cannot move to a fixed Spring, so every web context puts this filter
 * first: such a request gets 400 and never reaches a binder. It sees the query string and a
 * url-encoded body; the fields of a {@code multipart/form-data} body are parsed later, by the
 * DispatcherServlet, so {@link ClassBindingGuardInterceptor} checks those.
 */
public final class ClassBindingGuardFilter implements Filter {

  @Override
  public void init(FilterConfig filterConfig) {
    // Nothing to configure.
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Enumeration<String> names = request.getParameterNames();
    while (names.hasMoreElements()) {
      if (isClassPath(names.nextElement())) {
        ((HttpServletResponse) response)
            .sendError(
                HttpServletResponse.SC_BAD_REQUEST,
                "Request parameters naming class properties are not accepted");
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /** True for "class.x", "a.class.x", "a[0].class", "Class.x" and the like. */
  static boolean isClassPath(String parameterName) {
    String name = parameterName.toLowerCase(Locale.ROOT);
    for (String part : name.split("[.\\[\\]]")) {
      if ("class".equals(part.trim())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void destroy() {
    // Nothing to release.
  }
}
