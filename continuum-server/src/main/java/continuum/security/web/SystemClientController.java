package continuum.security.web;

import java.util.LinkedHashMap;
import java.util.Map;

import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import continuum.security.NewStaffMember;
import continuum.security.SystemClientService;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * System clients for administrators ({@code /admin/clients}): the registered clients and
 * a form to register one, or replace its keys and scopes (a PEM public key or a JWK Set,
 * {@code system/} scopes). The service checks the right and audits the registration.
 */
@Controller
@RequestMapping("/admin/clients")
class SystemClientController {

	private final SystemClientService clients;

	private final AccessControl access;

	SystemClientController(SystemClientService clients, AccessControl access) {
		this.clients = clients;
		this.access = access;
	}

	@GetMapping
	String list(@RequestParam(required = false) @Nullable String registered, Model model) {
		return page(registered, "", "", "", Map.of(), model);
	}

	@PostMapping
	String register(@RequestParam(defaultValue = "") String clientId, @RequestParam(defaultValue = "") String keys,
			@RequestParam(defaultValue = "") String scopes, Model model, HttpServletResponse response) {
		access.require("Practitioner", Interaction.CREATE, null, null);
		Map<String, String> errors = new LinkedHashMap<>();
		String id = clientId.strip();
		if (!NewStaffMember.isUsername(id)) {
			errors.put("clientId", "Use 2 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter "
					+ "(e.g. downtime-ward-3).");
		}
		if (keys.isBlank()) {
			errors.put("keys", "Paste the client's public key (PEM) or its JWK Set.");
		}
		if (errors.isEmpty()) {
			try {
				clients.register(id, keys, scopes);
				return "redirect:/admin/clients?registered=" + id;
			}
			catch (InvalidInputException | ConflictException ex) {
				errors.put("form", ex.getMessage());
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return page(null, id, keys, scopes, errors, model);
	}

	private String page(@Nullable String registered, String clientId, String keys, String scopes,
			Map<String, String> errors, Model model) {
		model.addAttribute("clients", clients.list());
		model.addAttribute("registered", registered);
		model.addAttribute("clientId", clientId);
		model.addAttribute("keys", keys);
		model.addAttribute("scopes", scopes);
		model.addAttribute("errors", errors);
		return "clients/list";
	}

}
