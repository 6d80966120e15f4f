package continuum.imaging.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import continuum.imaging.pacs.QuarantineService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /imaging/quarantine}: the studies the PACS could not match to an order and a
 * patient, with the reason, and the forms that assign one to an order (by accession
 * number) or a patient (by MRN), or reject it. Radiographers, the IT team and
 * administrators; anyone else gets a 403 (audited by the service).
 */
@Controller
class QuarantineController {

	private static final DateTimeFormatter SHOW = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.UK)
		.withZone(ZoneId.of("Europe/Brussels"));

	private final QuarantineService quarantine;

	QuarantineController(QuarantineService quarantine) {
		this.quarantine = quarantine;
	}

	@GetMapping("/imaging/quarantine")
	String list(Model model) {
		model.addAttribute("studies", quarantine.open());
		model.addAttribute("show", SHOW);
		return "imaging/quarantine";
	}

	@PostMapping("/imaging/quarantine/{id}/order")
	String assignToOrder(@PathVariable long id, @RequestParam String accessionNumber, @RequestParam String note,
			RedirectAttributes redirect) {
		quarantine.assignToOrder(id, accessionNumber, note);
		redirect.addFlashAttribute("notice", "Study " + id + " assigned to the order; it is served from now on.");
		return "redirect:/imaging/quarantine";
	}

	@PostMapping("/imaging/quarantine/{id}/patient")
	String assignToPatient(@PathVariable long id, @RequestParam String mrn, @RequestParam String note,
			RedirectAttributes redirect) {
		quarantine.assignToPatient(id, mrn, note);
		redirect.addFlashAttribute("notice", "Study " + id + " assigned to the patient; it is served from now on.");
		return "redirect:/imaging/quarantine";
	}

	@PostMapping("/imaging/quarantine/{id}/reject")
	String reject(@PathVariable long id, @RequestParam String note, RedirectAttributes redirect) {
		quarantine.reject(id, note);
		redirect.addFlashAttribute("notice", "Study " + id + " rejected; its objects are deleted.");
		return "redirect:/imaging/quarantine";
	}

}
