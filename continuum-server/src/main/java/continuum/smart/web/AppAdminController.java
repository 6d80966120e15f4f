package continuum.smart.web;

import java.util.Map;

import continuum.platform.InvalidInputException;
import continuum.security.SmartAppService;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Registered SMART apps for administrators ({@code /admin/apps}): the list, a form to
 * register an app or replace its registration, and removal. A confidential app's new
 * secret is shown once, on the page that answers the registration, and never again. The
 * service checks the right and audits every change.
 */
@Controller
@RequestMapping("/admin/apps")
class AppAdminController {

	private final SmartAppService apps;

	AppAdminController(SmartAppService apps) {
		this.apps = apps;
	}

	@GetMapping
	String list(Model model) {
		return page(null, null, new SmartAppService.Registration("", "", "", "", "", false, false), null, model);
	}

	@PostMapping
	String register(@RequestParam(defaultValue = "") String clientId, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String redirectUris, @RequestParam(defaultValue = "") String launchUrl,
			@RequestParam(defaultValue = "") String scopes, @RequestParam(defaultValue = "false") boolean confidential,
			@RequestParam(defaultValue = "false") boolean newSecret, Model model, HttpServletResponse response) {
		SmartAppService.Registration form = new SmartAppService.Registration(clientId, name, redirectUris, launchUrl,
				scopes, confidential, newSecret);
		try {
			SmartAppService.Registered registered = apps.register(form);
			return page(registered.app().clientId(), registered.secret(),
					new SmartAppService.Registration("", "", "", "", "", false, false), null, model);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return page(null, null, form, ex.getMessage(), model);
		}
	}

	@PostMapping("/{clientId}/remove")
	String remove(@PathVariable String clientId) {
		apps.remove(clientId);
		return "redirect:/admin/apps";
	}

	private String page(@Nullable String registered, @Nullable String secret, SmartAppService.Registration form,
			@Nullable String error, Model model) {
		model.addAttribute("apps", apps.list());
		model.addAttribute("registered", registered);
		model.addAttribute("secret", secret);
		model.addAttribute("form", form);
		model.addAttribute("errors", error == null ? Map.of() : Map.of("form", error));
		return "smart/apps";
	}

}
