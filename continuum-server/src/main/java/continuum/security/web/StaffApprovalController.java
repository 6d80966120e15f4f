package continuum.security.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import continuum.platform.ConflictException;
import continuum.security.StaffApproval;
import continuum.security.StaffApprovalService;
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
 * The two-person rule's page for administrators: the requests that wait for a second
 * administrator (approve or reject; the requester may only withdraw), then the newest
 * decided and expired ones. The service checks and audits every decision.
 */
@Controller
@RequestMapping(StaffApprovalController.PATH)
class StaffApprovalController {

	static final String PATH = "/admin/staff/approvals";

	/** Where a request, once made, is shown. */
	static final String REQUESTED = "redirect:" + PATH + "?done=requested";

	static final ZoneId HOSPITAL_ZONE = ZoneId.of("Europe/Brussels");

	private static final int LIMIT = 100;

	private final StaffApprovalService approvals;

	private final Clock clock;

	StaffApprovalController(StaffApprovalService approvals, Clock clock) {
		this.approvals = approvals;
		this.clock = clock;
	}

	@GetMapping
	String list(@RequestParam(required = false) @Nullable String done, Model model) {
		return page(done, null, model);
	}

	@PostMapping("/{id}/approve")
	String approve(@PathVariable long id, Model model, HttpServletResponse response) {
		try {
			approvals.approve(id);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return page(null, ex.getMessage() + ".", model);
		}
		return "redirect:" + PATH + "?done=approved";
	}

	@PostMapping("/{id}/reject")
	String reject(@PathVariable long id, Model model, HttpServletResponse response) {
		try {
			approvals.reject(id);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return page(null, ex.getMessage() + ".", model);
		}
		return "redirect:" + PATH + "?done=rejected";
	}

	private String page(@Nullable String done, @Nullable String error, Model model) {
		List<StaffApproval> requests = approvals.recent(LIMIT);
		Instant now = clock.instant();
		Map<Long, String> states = new HashMap<>();
		requests.forEach(r -> states.put(r.id(), state(r, now)));
		model.addAttribute("requests", requests);
		model.addAttribute("states", states);
		model.addAttribute("zone", HOSPITAL_ZONE);
		model.addAttribute("error", error);
		model
			.addAttribute("done",
					done == null ? null : Map.of("requested",
							"Requested: another administrator approves it here before it expires, and then it is done.",
							"approved", "Approved and done.", "rejected", "Rejected (or withdrawn): nothing was done.")
						.get(done));
		return "staff/approvals";
	}

	/** "open", "expired" or the decision, for the page. */
	private static String state(StaffApproval approval, Instant now) {
		if (approval.decision() != null) {
			return approval.decision().name().toLowerCase(java.util.Locale.ROOT);
		}
		return approval.open(now) ? "open" : "expired";
	}

}
