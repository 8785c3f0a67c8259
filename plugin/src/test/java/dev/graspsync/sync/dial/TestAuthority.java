package dev.graspsync.sync.dial;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A certificate authority made for one test run, and the server certificates it signs. */
public final class TestAuthority {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final KeyPair keys;
  private final X509Certificate certificate;

  private TestAuthority(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  public static TestAuthority create(String name) {
    try {
      KeyPair keys = keyPair();
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name),
          serial(), Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
          new X500Name("CN=" + name), keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new TestAuthority(keys, sign(b, keys));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server certificate for {@code dnsName}, valid from yesterday for a month. */
  public Issued issue(String dnsName) {
    Instant now = Instant.now();
    return issue(dnsName, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
  }

  public Issued issue(String dnsName, Instant notBefore, Instant notAfter) {
    try {
      KeyPair server = keyPair();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(),
          Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + dnsName), server.getPublic());
      b.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      return new Issued(pem(sign(b, keys)), pem(new JcaPKCS8Generator(server.getPrivate(), null)));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The authority's certificate, PEM. */
  public String certificatePem() {
    return pem(certificate);
  }

  /** Writes the authority's certificate to {@code file} (for {@code trusted-certificates-file}). */
  public Path writeCertificate(Path file) throws IOException {
    return Files.writeString(file, certificatePem());
  }

  /** A server's certificate and key, PEM (Vert.x's {@code PemKeyCertOptions} values). */
  public record Issued(String certificatePem, String keyPem) {}

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIAL.incrementAndGet());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuer) throws GeneralSecurityException {
    try {
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static String pem(Object o) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
