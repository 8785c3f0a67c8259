package dev.graspsync.sync.dial;

import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The authorities a wss:// relay's certificate may chain to: the JVM's default ones plus the
 * certificates of an operator's PEM file ({@code trusted-certificates-file}), for relays behind
 * a private CA. Verification stays on: chain, validity and host name are checked as always;
 * the file only adds trust anchors.
 */
public final class TrustedCertificates {
  private TrustedCertificates() {}

  /**
   * Trust options with the defaults and every certificate in {@code pemFile}.
   *
   * @throws IllegalArgumentException when the file cannot be read or holds no certificate
   */
  public static TrustOptions withDefaultsAnd(Path pemFile) {
    List<X509Certificate> added = read(pemFile);
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (X509Certificate ca : defaultAuthorities()) {
        store.setCertificateEntry("default-" + i++, ca);
      }
      i = 0;
      for (X509Certificate ca : added) {
        store.setCertificateEntry("added-" + i++, ca);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      return TrustOptions.wrap(tmf);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot build a trust store with " + pemFile + ": " + e.getMessage(), e);
    }
  }

  static List<X509Certificate> read(Path pemFile) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(pemFile)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + pemFile + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(pemFile + " is not a PEM file of X.509 certificates: " + e.getMessage(), e);
    }
    List<X509Certificate> out = new ArrayList<>();
    for (Certificate c : certificates) {
      if (c instanceof X509Certificate x) {
        out.add(x);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(pemFile + " holds no certificate");
    }
    return out;
  }

  private static List<X509Certificate> defaultAuthorities() throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    List<X509Certificate> out = new ArrayList<>();
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        out.addAll(List.of(x.getAcceptedIssuers()));
      }
    }
    return out;
  }
}
