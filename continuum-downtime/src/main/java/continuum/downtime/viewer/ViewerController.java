package continuum.downtime.viewer;

import java.security.Principal;

import continuum.downtime.viewer.ChartReader.Reader;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The viewer's pages: wards, a ward's census, patient search, a patient's summary. */
@Controller
class ViewerController {

	private final ChartRepository chart;

	private final ChartReader reader;

	ViewerController(ChartRepository chart, ChartReader reader) {
		this.chart = chart;
		this.reader = reader;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/")
	String home(Authentication user) {
		return reader(user).role().patients ? "redirect:/wards" : "noPatientData";
	}

	@GetMapping("/wards")
	String wards(Model model, Authentication user) {
		requirePatients(user);
		model.addAttribute("wards", chart.wards());
		return "wards";
	}

	@GetMapping("/wards/{id}")
	String census(@PathVariable String id, Model model, Authentication user) {
		Reader who = reader(user);
		var ward = chart.ward(id)
			.orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
					"No such ward on this node"));
		model.addAttribute("ward", ward);
		model.addAttribute("lines", reader.census(who, id));
		model.addAttribute("showAllergies", who.role().allergies);
		return "census";
	}

	@GetMapping("/patients")
	String search(@RequestParam(required = false) @Nullable String q, Model model, Authentication user) {
		Reader who = reader(user);
		model.addAttribute("q", q == null ? "" : q);
		if (q != null && !q.isBlank()) {
			model.addAttribute("results", reader.search(who, q));
		}
		return "search";
	}

	@GetMapping("/patients/{id}")
	String patient(@PathVariable String id, Model model, Authentication user) {
		var summary = reader.summary(reader(user), id)
			.orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
					"No such patient on this node"));
		model.addAttribute("summary", summary);
		return "patient";
	}

	private void requirePatients(Authentication user) {
		if (!reader(user).role().patients) {
			throw new org.springframework.security.access.AccessDeniedException("Your role does not show patient data");
		}
	}

	static Reader reader(Principal principal) {
		Authentication user = (Authentication) principal;
		NodeRole role = user.getAuthorities()
			.stream()
			.map(a -> a.getAuthority())
			.filter(a -> a.startsWith("ROLE_"))
			.map(a -> NodeRole.of(a.substring(5)))
			.findFirst()
			.orElse(NodeRole.NO_PATIENT_DATA);
		return new Reader(user.getName(), role);
	}

}
