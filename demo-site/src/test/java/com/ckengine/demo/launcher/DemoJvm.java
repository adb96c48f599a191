package com.ckengine.demo.launcher;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a second JVM that runs the demo as this test JVM does: the same agent and
 * {@code --add-opens} flags (Surefire's argLine), class path and web applications' class path.
 */
public final class DemoJvm {
  private DemoJvm() {}

  public static List<String> command(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
    command.addAll(hostJvmFlags());
    command.add("-Xmx768m");
    String webApps = System.getProperty("ckdemo.webapps.classpath");
    if (webApps != null) command.add("-Dckdemo.webapps.classpath=" + webApps);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(Arrays.asList(args));
    return command;
  }

  private static List<String> hostJvmFlags() {
    List<String> flags = new ArrayList<>();
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("-javaagent:") || arg.startsWith("--add-opens=")) {
        flags.add(arg);
      } else if (arg.equals("--add-opens") && i + 1 < args.size()) {
        flags.add(arg);
        flags.add(args.get(++i));
      }
    }
    return flags;
  }
}
