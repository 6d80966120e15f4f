package continuum.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import continuum.hl7.MllpListener;
import continuum.imaging.DicomAe;
import continuum.platform.DemoPassword;
import continuum.security.Role;
import org.springframework.beans.factory.ObjectProvider;
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

	StartupBanner(DemoPassword demoPassword, ObjectProvider<MllpListener> mllp, ObjectProvider<DicomAe> dicom) {
		this.demoPassword = demoPassword;
		this.mllp = mllp;
		this.dicom = dicom;
	}

	@EventListener
	void on(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
			return;
		}
		int port = web.getWebServer().getPort();
		String base = "http://localhost:" + port;
		StringBuilder banner = new StringBuilder();
		banner.append("\n================ Continuum is up ================\n");
		banner.append("  Web UI   ").append(base).append("/\n");
		banner.append("  FHIR R4  ").append(base).append("/fhir  (token: POST ").append(base).append("/api/token)\n");
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
			String logins = Arrays.stream(Role.values()).map(Role::demoUsername).collect(Collectors.joining(", "));
			banner.append("  Demo logins: ").append(logins).append('\n');
			banner.append("  Demo password (all accounts): ").append(demoPassword.value()).append('\n');
		}
		banner.append("=================================================\n");
		System.out.println(banner);
	}

}
