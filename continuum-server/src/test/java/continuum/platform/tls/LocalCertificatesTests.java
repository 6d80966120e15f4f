package continuum.platform.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local CA and server certificate: valid X.509 that OpenSSL accepts, the names asked
 * for, keys readable by the owner only, kept across starts and renewed before they end.
 */
class LocalCertificatesTests {

	private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

	private static final Set<String> NAMES = new LinkedHashSet<>(
			List.of("localhost", "127.0.0.1", "::1", "ward-pc.hospital.test"));

	@TempDir
	Path temp;

	@Test
	void makesACaAndAServerCertificateThatOpensslVerifiesForEachName() throws Exception {
		Path dir = temp.resolve("tls");
		LocalCertificates.Material material = new LocalCertificates(dir, Clock.fixed(START, ZoneOffset.UTC))
			.load(NAMES);

		X509Certificate server = material.chain().get(0);
		assertThat(material.chain()).hasSize(2);
		assertThat(material.chain().get(1)).isEqualTo(material.authority());
		assertThat(material.authority().getBasicConstraints()).isEqualTo(0);
		assertThat(server.getBasicConstraints()).isEqualTo(-1);
		assertThat(server.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
		assertThat(server.getSubjectAlternativeNames()).extracting(name -> name.get(1).toString())
			.containsExactlyInAnyOrder("localhost", "ward-pc.hospital.test", "127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat(server.getNotAfter().toInstant()).isEqualTo(START.plus(LocalCertificates.SERVER_LIFETIME));
		assertThat(material.authority().getNotAfter().toInstant()).isEqualTo(START.plus(LocalCertificates.CA_LIFETIME));
		server.verify(material.authority().getPublicKey());

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key"))))
			.isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.key"))))
			.isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");

		String at = Long.toString(START.plusSeconds(3600).getEpochSecond());
		for (String check : List.of("-verify_hostname ward-pc.hospital.test", "-verify_hostname localhost",
				"-verify_ip 127.0.0.1", "-verify_ip ::1")) {
			List<String> command = new java.util.ArrayList<>(List.of("openssl", "verify", "-attime", at, "-CAfile",
					dir.resolve("ca.crt").toString(), "-purpose", "sslserver"));
			command.addAll(List.of(check.split(" ")));
			command.add(dir.resolve("server.crt").toString());
			Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(openssl.getInputStream().readAllBytes());
			assertThat(openssl.waitFor()).as(output).isZero();
		}
		Process wrongName = new ProcessBuilder("openssl", "verify", "-attime", at, "-CAfile",
				dir.resolve("ca.crt").toString(), "-verify_hostname", "elsewhere.test",
				dir.resolve("server.crt").toString())
			.redirectErrorStream(true)
			.start();
		wrongName.getInputStream().readAllBytes();
		assertThat(wrongName.waitFor()).isNotZero();
	}

	@Test
	void keepsBothAcrossStartsAndRenewsTheServerCertificateBeforeItEnds() throws Exception {
		Path dir = temp.resolve("tls");
		LocalCertificates.Material first = new LocalCertificates(dir, Clock.fixed(START, ZoneOffset.UTC)).load(NAMES);

		Instant later = START.plus(LocalCertificates.SERVER_LIFETIME).minus(LocalCertificates.RENEW_BEFORE);
		LocalCertificates.Material again = new LocalCertificates(dir,
				Clock.fixed(later.minusSeconds(60), ZoneOffset.UTC))
			.load(NAMES);
		assertThat(again.chain().get(0)).isEqualTo(first.chain().get(0));
		assertThat(again.key()).isEqualTo(first.key());

		LocalCertificates.Material renewed = new LocalCertificates(dir,
				Clock.fixed(later.plusSeconds(60), ZoneOffset.UTC))
			.load(NAMES);
		assertThat(renewed.authority()).isEqualTo(first.authority());
		assertThat(renewed.chain().get(0)).isNotEqualTo(first.chain().get(0));
		assertThat(renewed.chain().get(0).getNotAfter().toInstant())
			.isEqualTo(later.plusSeconds(60).plus(LocalCertificates.SERVER_LIFETIME));
	}

	@Test
	void issuesTheServerCertificateAgainWhenItsNamesChange() throws Exception {
		Path dir = temp.resolve("tls");
		Clock clock = Clock.fixed(START, ZoneOffset.UTC);
		LocalCertificates.Material first = new LocalCertificates(dir, clock).load(NAMES);
		Set<String> more = new LinkedHashSet<>(NAMES);
		more.add("continuum.hospital.test");
		LocalCertificates.Material second = new LocalCertificates(dir, clock).load(more);
		assertThat(second.authority()).isEqualTo(first.authority());
		assertThat(second.chain().get(0).getSubjectAlternativeNames()).extracting(name -> name.get(1).toString())
			.contains("continuum.hospital.test");
	}

	@Test
	void fingerprintIsTheSha256OfTheCertificateAsOpensslPrintsIt() throws Exception {
		Path dir = temp.resolve("tls");
		LocalCertificates.Material material = new LocalCertificates(dir, Clock.fixed(START, ZoneOffset.UTC))
			.load(NAMES);
		Process openssl = new ProcessBuilder("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in",
				dir.resolve("ca.crt").toString())
			.start();
		String output = new String(openssl.getInputStream().readAllBytes()).trim();
		assertThat(openssl.waitFor()).isZero();
		assertThat(output).endsWith("=" + LocalCertificates.fingerprint(material.authority()));
	}

	@Test
	void trustedProxyRangesMatchAddressesAndRefuseNames() {
		assertThat(AddressRange.parse("10.0.0.0/8").contains("10.200.3.4")).isTrue();
		assertThat(AddressRange.parse("10.0.0.0/8").contains("11.0.0.1")).isFalse();
		assertThat(AddressRange.parse("192.0.2.7").contains("192.0.2.7")).isTrue();
		assertThat(AddressRange.parse("192.0.2.7").contains("192.0.2.8")).isFalse();
		assertThat(AddressRange.parse("fd00::/8").contains("fd12:3456::1")).isTrue();
		assertThat(AddressRange.parse("fd00::/8").contains("10.0.0.1")).isFalse();
		assertThat(AddressRange.parse("::1").contains("0:0:0:0:0:0:0:1")).isTrue();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> AddressRange.parse("proxy.hospital.test"))
			.hasMessageContaining("not an IP address");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33"))
			.hasMessageContaining("prefix");
	}

}
