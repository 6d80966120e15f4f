package continuum.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import continuum.hl7.MllpListener;
import continuum.imaging.DicomAe;
import continuum.platform.DemoPassword;
import continuum.platform.tls.HttpsConnector;
import continuum.security.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Prints where the system answers and, for the demo hospital, how to sign in. */
@Component
class StartupBanner {

	private final DemoPassword demoPassword;

	private final ObjectProvider<MllpListener> mllp;

	private final ObjectProvider<DicomAe> dicom;

	private final String address;

	private final ObjectProvider<HttpsConnector> https;

	StartupBanner(DemoPassword demoPassword, ObjectProvider<MllpListener> mllp, ObjectProvider<DicomAe> dicom,
			@Value("${server.address:}") String address, ObjectProvider<HttpsConnector> https) {
		this.demoPassword = demoPassword;
		this.address = address;
		this.mllp = mllp;
		this.dicom = dicom;
		this.https = https;
	}

	@EventListener
	void on(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
			return;
		}
		int port = web.getWebServer().getPort();
		String plain = "http://localhost:" + port;
		HttpsConnector secure = https.getIfAvailable();
		String base = secure == null ? plain : "https://localhost:" + secure.port();
		StringBuilder banner = new StringBuilder();
		banner.append("\n================ Continuum is up ================\n");
		banner.append("  Web UI   ").append(base).append("/\n");
		banner.append("  FHIR R4  ").append(base).append("/fhir  (token: POST ").append(base).append("/api/token)\n");
		if (secure != null) {
			banner.append("  HTTP     ")
				.append(plain)
				.append(secure.plainHttpForLoopback() ? "/  (loopback callers served, others redirected to HTTPS)\n"
						: "/  (redirects to HTTPS)\n");
			if (secure.authorityFile() != null) {
				banner.append("  TLS CA   ").append(secure.authorityFile()).append('\n');
				banner.append("           SHA-256 ").append(secure.authorityFingerprint()).append('\n');
				banner.append("           (the local CA: trust it in browsers, downtime nodes and interfaces)\n");
			}
		}
		MllpListener listener = mllp.getIfAvailable();
		if (listener != null && listener.port() >= 0) {
			banner.append("  HL7 v2   MLLP port ").append(listener.port());
			if (listener.tlsPort() >= 0) {
				banner.append(", MLLP over TLS port ").append(listener.tlsPort());
			}
			banner.append("  (monitor: ").append(base).append("/interfaces)\n");
		}
		DicomAe ae = dicom.getIfAvailable();
		if (ae != null && ae.port() >= 0) {
			banner.append("  DICOM    AE ").append(ae.aeTitle()).append(" on port ").append(ae.port());
			banner.append("  (DICOMweb: ").append(base).append("/dicomweb)\n");
		}
		if (demoPassword.value() != null) {
			String logins = Arrays.stream(Role.values()).map(Role::demoUsername).collect(Collectors.joining(", "))
					+ ", admin2";
			banner.append("  Demo logins: ").append(logins).append('\n');
			banner.append("  (")
				.append(Arrays.stream(Role.values())
					.filter(Role::privileged)
					.map(Role::demoUsername)
					.collect(Collectors.joining(", ")))
				.append(", admin2 set up an authenticator app at their first sign-in)\n");
			banner.append("  Demo password (all accounts): ").append(demoPassword.value()).append('\n');
			if (address.startsWith("127.") || address.equals("::1") || address.equals("localhost")) {
				banner.append("  Listening on ")
					.append(address)
					.append(" only: the demo accounts share one password ")
					.append("(CONTINUUM_LISTEN_ADDRESS opens the demo to the network)\n");
			}
			else {
				banner.append("  WARNING: the demo accounts, which share one password, answer on ")
					.append(address.isEmpty() ? "every interface" : address)
					.append('\n');
			}
		}
		banner.append("=================================================\n");
		System.out.println(banner);
	}

}
