package dev.paysession.api;

/**
 * What an installation is for ({@code paysession.mode}, {@code PAYSESSION_MODE}). A production
 * installation has no sandbox at all: no demo merchant, no sandbox gateway, and the admin API
 * creates no sandbox merchants, so a live shop can never be wired to test money by mistake.
 */
public enum InstallationMode {
  SANDBOX,
  PRODUCTION;

  public boolean allowsSandbox() {
    return this == SANDBOX;
  }
}
