package continuum.smart.web;

import java.io.IOException;
import java.util.Map;

import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.NotFoundException;
import continuum.security.SmartApp;
import continuum.security.SmartAppService;
import continuum.security.SmartAuthorizationService;
import continuum.smart.SmartDiscovery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * EHR launch from the chart (SMART App Launch 2, "EHR launch"): the apps with a launch
 * URL, and "Launch" for each, which makes an opaque {@code launch} bound to the user, the
 * patient and the app and opens the app's launch URL with {@code iss} (our FHIR base URL)
 * and {@code launch}.
 */
@Controller
class LaunchController {

	private final SmartAppService apps;

	private final SmartAuthorizationService authorizations;

	private final PatientService patients;

	LaunchController(SmartAppService apps, SmartAuthorizationService authorizations, PatientService patients) {
		this.apps = apps;
		this.authorizations = authorizations;
		this.patients = patients;
	}

	@GetMapping("/patients/{id:\\d+}/apps")
	String apps(@PathVariable String id, Model model) {
		model.addAttribute("patient", patients.summary(PatientId.of(id)));
		model.addAttribute("apps", apps.launchable());
		return "smart/launch";
	}

	@PostMapping("/patients/{id:\\d+}/apps/{clientId}/launch")
	void launch(@PathVariable String id, @PathVariable String clientId, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		SmartApp app = apps.find(clientId)
			.filter(a -> a.launchUrl() != null)
			.orElseThrow(() -> new NotFoundException("No app with a launch URL is registered as " + clientId));
		String launch = authorizations.launch(app, PatientId.of(id).asString());
		String url = UriComponentsBuilder.fromUriString(app.launchUrl())
			.queryParam("iss", "{iss}")
			.queryParam("launch", "{launch}")
			.encode()
			.buildAndExpand(Map.of("iss", SmartDiscovery.fhirBase(request), "launch", launch))
			.toUriString();
		response.setHeader("Cache-Control", "no-store");
		response.sendRedirect(url);
	}

}
