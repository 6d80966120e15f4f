package continuum.downtime.viewer;

import java.security.Principal;

import continuum.downtime.viewer.ChartReader.Reader;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The viewer's pages: wards, a ward's census, patient search, a patient's summary. */
@Controller
class ViewerController {

	private final ChartRepository chart;

	private final ChartReader reader;

	private final java.time.Clock clock;

	ViewerController(ChartRepository chart, ChartReader reader, java.time.Clock clock) {
		this.chart = chart;
		this.reader = reader;
		this.clock = clock;
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
	String census(@PathVariable String id, Model model, Authentication user, HttpSession session) {
		Reader who = reader(user);
		var ward = chart.ward(id)
			.orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
					"No such ward on this node"));
		model.addAttribute("ward", ward);
		model.addAttribute("lines", reader.census(who, id, glassBroken(session)));
		model.addAttribute("showAllergies", who.role().allergies);
		return "census";
	}

	@GetMapping("/patients")
	String search(@RequestParam(required = false) @Nullable String q, Model model, Authentication user,
			HttpSession session) {
		Reader who = reader(user);
		model.addAttribute("q", q == null ? "" : q);
		if (q != null && !q.isBlank()) {
			ChartReader.Found found = reader.search(who, q, glassBroken(session));
			model.addAttribute("results", found.open());
			model.addAttribute("restricted", found.restricted());
		}
		return "search";
	}

	@GetMapping("/patients/{id}")
	String patient(@PathVariable String id, Model model, Authentication user, HttpSession session) {
		try {
			java.time.Instant until = glassBroken(session).contains(id) ? glasses(session).get(id) : null;
			boolean emergency = until != null;
			var summary = reader.summary(reader(user), id, emergency)
				.orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
						"No such patient on this node"));
			model.addAttribute("summary", summary);
			model.addAttribute("emergency", emergency);
			if (emergency) {
				model.addAttribute("emergencyUntil", until.atOffset(java.time.ZoneOffset.UTC));
			}
			return "patient";
		}
		catch (ChartReader.RestrictedRecordException ex) {
			model.addAttribute("patientId", id);
			model.addAttribute("reasons", REASONS);
			return "breakGlass";
		}
	}

	/**
	 * Breaks the glass on a restricted record for this session, for as long as on the
	 * server ({@link ChartReader#BREAK_GLASS_DURATION}): a reason from the server's list
	 * and the reader's words (required, kept out of the log, shipped for the privacy
	 * officer's review).
	 */
	@PostMapping("/patients/{id}/break-the-glass")
	String breakGlass(@PathVariable String id, @RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String explanation, Model model, Authentication user,
			HttpSession session) {
		if (reason == null || !REASONS.containsKey(reason) || explanation == null || explanation.strip().length() < 5) {
			model.addAttribute("patientId", id);
			model.addAttribute("reasons", REASONS);
			model.addAttribute("error", "Choose a reason and say in a few words why you need this record.");
			return "breakGlass";
		}
		glasses(session).put(id, reader.breakGlass(reader(user), id, reason, explanation));
		return "redirect:/patients/" + id;
	}

	/** The reasons offered, as the server's break-the-glass page offers them. */
	static final java.util.Map<String, String> REASONS = reasons();

	private static java.util.Map<String, String> reasons() {
		java.util.Map<String, String> reasons = new java.util.LinkedHashMap<>();
		reasons.put("EMERGENCY_CARE", "Emergency care");
		reasons.put("CARE_TRANSFERRED", "The patient was transferred to my care");
		reasons.put("CONSULTATION", "Consultation asked by the care team");
		reasons.put("PATIENT_REQUEST", "At the patient's request");
		reasons.put("OTHER", "Other (explain below)");
		return java.util.Collections.unmodifiableMap(reasons);
	}

	/**
	 * The patients whose glass this session broke, each with the end of the access it
	 * gave.
	 */
	@SuppressWarnings("unchecked")
	private static java.util.Map<String, java.time.Instant> glasses(HttpSession session) {
		Object map = session.getAttribute(GLASSES);
		if (map == null) {
			map = new java.util.concurrent.ConcurrentHashMap<String, java.time.Instant>();
			session.setAttribute(GLASSES, map);
		}
		return (java.util.Map<String, java.time.Instant>) map;
	}

	/** The patients whose glass this session broke and whose access has not ended. */
	private java.util.Set<String> glassBroken(HttpSession session) {
		java.time.Instant now = clock.instant();
		java.util.Map<String, java.time.Instant> glasses = glasses(session);
		glasses.values().removeIf(until -> !now.isBefore(until));
		return glasses.keySet();
	}

	private static final String GLASSES = ViewerController.class.getName() + ".glasses";

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
