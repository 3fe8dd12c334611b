package io.hearth.server.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificate authorities and certificates made when a test runs (EC P-256, quick to generate), so
 * no key that anyone could mistake for a real one is checked in. Shared with the CLI's tests
 * through the server's test jar.
 */
public final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VALIDITY = Duration.ofDays(2);

    private TestPki() {}

    /** A new self-signed certificate authority. */
    public static Authority authority(String name) {
        KeyPair keys = newKeys();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + name);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            subject,
                            serial(),
                            Date.from(now.minus(Duration.ofMinutes(5))),
                            Date.from(now.plus(VALIDITY)),
                            subject,
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new Authority(sign(builder, keys.getPrivate()), keys);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class Authority {
        private final X509Certificate certificate;
        private final KeyPair keys;

        private Authority(X509Certificate certificate, KeyPair keys) {
            this.certificate = certificate;
            this.keys = keys;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        /** A server certificate for localhost and 127.0.0.1, valid from a few minutes ago for two days. */
        public Issued issueServer() {
            Instant now = Instant.now();
            return issue("localhost", true, now.minus(Duration.ofMinutes(5)), now.plus(VALIDITY));
        }

        /** A client certificate for mutual TLS, named {@code CN=name}. */
        public Issued issueClient(String name) {
            Instant now = Instant.now();
            return issue(name, false, now.minus(Duration.ofMinutes(5)), now.plus(VALIDITY));
        }

        /** A server certificate for localhost and 127.0.0.1 that was valid only between the two instants. */
        public Issued issueServer(Instant notBefore, Instant notAfter) {
            return issue("localhost", true, notBefore, notAfter);
        }

        /** A server certificate for {@code hostName} only: a client that calls 127.0.0.1 must refuse it. */
        public Issued issueServerFor(String hostName) {
            Instant now = Instant.now();
            return issue(hostName, true, now.minus(Duration.ofMinutes(5)), now.plus(VALIDITY));
        }

        private Issued issue(String name, boolean server, Instant notBefore, Instant notAfter) {
            KeyPair subjectKeys = newKeys();
            try {
                JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                                certificate,
                                serial(),
                                Date.from(notBefore),
                                Date.from(notAfter),
                                new X500Name("CN=" + name),
                                subjectKeys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(
                                Extension.extendedKeyUsage,
                                false,
                                new ExtendedKeyUsage(
                                        server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth))
                        .addExtension(
                                Extension.authorityKeyIdentifier,
                                false,
                                extensions.createAuthorityKeyIdentifier(certificate));
                if (server) {
                    builder.addExtension(
                            Extension.subjectAlternativeName,
                            false,
                            new GeneralNames(
                                    name.equals("localhost")
                                            ? new GeneralName[] {
                                                new GeneralName(GeneralName.dNSName, "localhost"),
                                                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                                            }
                                            : new GeneralName[] {new GeneralName(GeneralName.dNSName, name)}));
                }
                return new Issued(sign(builder, keys.getPrivate()), subjectKeys.getPrivate());
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** This authority's certificate, PEM: what a client or a server is told to trust. */
        public Path writeCertificate(Path file) {
            return write(file, pem(certificate));
        }
    }

    /** A certificate issued by an {@link Authority}, and its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
        /** Hexadecimal, as the server logs it. */
        public String serial() {
            return certificate.getSerialNumber().toString(16);
        }

        public Path writeCertificate(Path file) {
            return write(file, pem(certificate));
        }

        /** Unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), the form the server and the CLI read. */
        public Path writeKey(Path file) {
            try {
                return write(file, pem(new JcaPKCS8Generator(key, null)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The older OpenSSL form ({@code BEGIN EC PRIVATE KEY}), which the server refuses with a hint. */
        public Path writeTraditionalKey(Path file) {
            return write(file, pem(key));
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(63, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static Path write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
