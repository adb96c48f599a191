package com.ckengine.demo.web;

import java.util.Enumeration;
import java.util.Iterator;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.handler.HandlerInterceptorAdapter;
import org.springframework.web.util.WebUtils;

/**
 * The second half of the {@code class.*} guard, inside each DispatcherServlet: it sees the request
 * after the servlet's multipart resolver has read a {@code multipart/form-data} body, which {@link
 * ClassBindingGuardFilter} cannot (a filter runs before the body is parsed, and the servlet
 * container does not parse it). Spring binds such a body's fields, and its file fields, like any
 * other parameter, so a name reaching into {@code class} gets 400 here before any controller binds
 * it. Registered with {@code <mvc:interceptors>} in {@code ckdemo-admin-servlet.xml} and {@code
 * ckdemo-site-servlet.xml}.
 */
public final class ClassBindingGuardInterceptor extends HandlerInterceptorAdapter {

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws Exception {
    if (!reachesIntoClass(request)) return true;
    response.sendError(
        HttpServletResponse.SC_BAD_REQUEST,
        "Request parameters naming class properties are not accepted");
    return false;
  }

  /** True when a parameter, or a multipart body's field or file field, names a class property. */
  static boolean reachesIntoClass(HttpServletRequest request) {
    // A multipart request's parameters include its body's fields once it is resolved.
    Enumeration<String> names = request.getParameterNames();
    while (names.hasMoreElements()) {
      if (ClassBindingGuardFilter.isClassPath(names.nextElement())) return true;
    }
    MultipartHttpServletRequest multipart =
        WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
    if (multipart != null) {
      for (Iterator<String> files = multipart.getFileNames(); files.hasNext(); ) {
        if (ClassBindingGuardFilter.isClassPath(files.next())) return true;
      }
    }
    return false;
  }
}
