package continuum.smart.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import continuum.patients.PatientId;
import continuum.patients.PatientQuery;
import continuum.patients.PatientService;
import continuum.security.SmartApp;
import continuum.security.SmartAppService;
import continuum.security.SmartAuthorizationService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The signed-in steps of an authorization: the patient picker of a standalone launch with
 * {@code launch/patient} (the patients module's search, so restricted records the user
 * may not open are not offered), and the consent page that names the app, the patient and
 * what each scope allows, with approve and deny. Approval redirects to the app with a
 * code and the {@code state}; denial with {@code access_denied}.
 */
@Controller
class ConsentController {

	private final SmartAppService apps;

	private final SmartAuthorizationService authorizations;

	private final PatientService patients;

	ConsentController(SmartAppService apps, SmartAuthorizationService authorizations, PatientService patients) {
		this.apps = apps;
		this.authorizations = authorizations;
		this.patients = patients;
	}

	@GetMapping("/oauth/authorize/patient")
	String picker(@RequestParam String tx, @RequestParam(defaultValue = "") String q, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		PendingAuthorization pending = AuthorizeController.pending(request, tx);
		SmartApp app = pending == null ? null : apps.find(pending.clientId()).orElse(null);
		if (pending == null || app == null) {
			return expired(response, model);
		}
		model.addAttribute("app", app);
		model.addAttribute("tx", tx);
		model.addAttribute("q", q);
		model.addAttribute("results", q.isBlank() ? List.of() : patients.search(PatientQuery.text(q, 20)).patients());
		return "smart/patient";
	}

	@PostMapping("/oauth/authorize/patient")
	String pick(@RequestParam String tx, @RequestParam String patient, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		PendingAuthorization pending = AuthorizeController.pending(request, tx);
		if (pending == null) {
			return expired(response, model);
		}
		String id = PatientId.of(patient).asString();
		authorizations.requirePatient(id);
		request.getSession().setAttribute(AuthorizeController.PENDING + tx, pending.withPatient(id));
		return "redirect:/oauth/authorize/consent?tx=" + tx;
	}

	@GetMapping("/oauth/authorize/consent")
	String consent(@RequestParam String tx, HttpServletRequest request, HttpServletResponse response, Model model) {
		PendingAuthorization pending = AuthorizeController.pending(request, tx);
		SmartApp app = pending == null ? null : apps.find(pending.clientId()).orElse(null);
		if (pending == null || app == null) {
			return expired(response, model);
		}
		if (pending.patientId() == null && authorizations.asksForPatient(pending.scopes())) {
			return "redirect:/oauth/authorize/patient?tx=" + tx;
		}
		model.addAttribute("app", app);
		model.addAttribute("tx", tx);
		model.addAttribute("patient",
				pending.patientId() == null ? null : patients.summary(PatientId.of(pending.patientId())));
		model.addAttribute("scopes", describe(pending.scopes()));
		return "smart/consent";
	}

	@PostMapping("/oauth/authorize/consent")
	@Nullable String answer(@RequestParam String tx, @RequestParam String decision, HttpServletRequest request,
			HttpServletResponse response, Model model) throws IOException {
		PendingAuthorization pending = AuthorizeController.pending(request, tx);
		SmartApp app = pending == null ? null : apps.find(pending.clientId()).orElse(null);
		if (pending == null || app == null
				|| (pending.patientId() == null && authorizations.asksForPatient(pending.scopes()))) {
			return expired(response, model);
		}
		request.getSession().removeAttribute(AuthorizeController.PENDING + tx);
		if (!"approve".equals(decision)) {
			authorizations.deny(app);
			AuthorizationRedirects.error(response, pending.redirectUri(), "access_denied",
					"the user did not authorize the app", pending.state());
			return null;
		}
		String code = authorizations.approve(new SmartAuthorizationService.Consent(app, pending.redirectUri(),
				pending.scopes(), pending.patientId(), pending.codeChallenge(), request.getSession().getId()));
		AuthorizationRedirects.code(response, pending.redirectUri(), code, pending.state());
		return null;
	}

	private static String expired(HttpServletResponse response, Model model) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("message",
				"This authorization request is unknown or has expired. Start again from the application.");
		return "smart/error";
	}

	/** Each scope with what it allows, in words. */
	static List<String[]> describe(List<String> scopes) {
		List<String[]> described = new ArrayList<>();
		for (String scope : scopes) {
			described.add(new String[] { scope, ScopeWords.of(scope) });
		}
		return described;
	}

}
