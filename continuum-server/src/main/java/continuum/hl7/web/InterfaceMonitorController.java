package continuum.hl7.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import continuum.hl7.InterfaceMonitor;
import continuum.hl7.LinkStatus;
import continuum.hl7.MessageSearch;
import continuum.hl7.MessageState;
import continuum.hl7.MessageSummary;
import continuum.hl7.MessageView;
import continuum.hl7.OutboundSummary;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The interface monitor: {@code /interfaces} shows each link and searches inbound
 * messages (by control id, patient id or PID-3 identifier, day range, state);
 * {@code /interfaces/messages/{id}} shows one with its raw content (audited) and, when
 * quarantined, the form to process it again; {@code /interfaces/outbound/{link}} the
 * outbound queue of a link. The same as JSON under {@code /api/interfaces}. Only the
 * roles that monitor interfaces; anyone else gets a 403 (audited). Dates are the
 * hospital's.
 */
@Controller
class InterfaceMonitorController {

	static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	static final DateTimeFormatter SHOW = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss", Locale.UK).withZone(ZONE);

	private final InterfaceMonitor monitor;

	InterfaceMonitorController(InterfaceMonitor monitor) {
		this.monitor = monitor;
	}

	@GetMapping("/interfaces")
	String monitor(@RequestParam(required = false) @Nullable String controlId,
			@RequestParam(required = false) @Nullable String patient,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String state, Model model) {
		List<LinkStatus> links = monitor.links();
		MessageSearch search = search(controlId, patient, from, to, state);
		model.addAttribute("links", links);
		model.addAttribute("messages", monitor.search(search));
		model.addAttribute("states", Arrays.stream(MessageState.values()).map(MessageState::code).toList());
		model.addAttribute("query", new Query(controlId, patient, from, to, state));
		model.addAttribute("show", SHOW);
		return "hl7/interfaces";
	}

	@GetMapping("/interfaces/messages/{id}")
	String message(@PathVariable long id, Model model) {
		model.addAttribute("message", monitor.view(id));
		model.addAttribute("show", SHOW);
		return "hl7/message";
	}

	@PostMapping("/interfaces/messages/{id}/reprocess")
	String reprocess(@PathVariable long id, RedirectAttributes redirect) {
		MessageState state = monitor.reprocess(id);
		redirect.addFlashAttribute("notice", "Message " + id + " processed again: " + state.code() + ".");
		return "redirect:/interfaces/messages/" + id;
	}

	@GetMapping("/interfaces/outbound/{link}")
	String outbound(@PathVariable String link, Model model) {
		model.addAttribute("link", link);
		model.addAttribute("queue", monitor.outbound(link, 200));
		model.addAttribute("show", SHOW);
		return "hl7/outbound";
	}

	@GetMapping("/api/interfaces")
	@ResponseBody
	List<LinkStatus> linksJson() {
		return monitor.links();
	}

	@GetMapping("/api/interfaces/messages")
	@ResponseBody
	List<MessageSummary> searchJson(@RequestParam(required = false) @Nullable String controlId,
			@RequestParam(required = false) @Nullable String patient,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String state) {
		return monitor.search(search(controlId, patient, from, to, state));
	}

	@GetMapping("/api/interfaces/messages/{id}")
	@ResponseBody
	MessageView messageJson(@PathVariable long id) {
		return monitor.view(id);
	}

	@GetMapping("/api/interfaces/outbound/{link}")
	@ResponseBody
	List<OutboundSummary> outboundJson(@PathVariable String link) {
		return monitor.outbound(link, 200);
	}

	private static MessageSearch search(@Nullable String controlId, @Nullable String patient, @Nullable String from,
			@Nullable String to, @Nullable String state) {
		return new MessageSearch(controlId, patient, day(from, "from", 0), day(to, "to", 1), state(state), null, 200);
	}

	/** The start of a day (yyyy-MM-dd) in the hospital's zone, plus {@code plusDays}. */
	private static @Nullable Instant day(@Nullable String value, String name, int plusDays) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip()).plusDays(plusDays).atStartOfDay(ZONE).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("'" + name + "' is a date as yyyy-MM-dd");
		}
	}

	private static @Nullable MessageState state(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return Arrays.stream(MessageState.values())
			.filter(s -> s.code().equals(value.strip()))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException(
					"'state' is one of received, processed, quarantined, " + "rejected"));
	}

	/** The search as entered, to show it again. */
	record Query(@Nullable String controlId, @Nullable String patient, @Nullable String from, @Nullable String to,
			@Nullable String state) {
	}

}
