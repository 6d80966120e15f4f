package continuum.imaging.web;

import java.time.ZoneId;

import continuum.imaging.DicomPeer;
import continuum.imaging.DicomPeers;
import continuum.imaging.dimse.CommitmentReports;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /imaging/peers}: the DICOM AEs the server knows, what each may do, the form that
 * adds, changes or removes one, and the storage commitment reports not yet delivered to
 * them (pending or failed, with the last error, and a retry). The IT team and
 * administrators; anyone else gets a 403 (audited by the service).
 */
@Controller
class PeerController {

	/** Times on the page are the hospital's. */
	private static final ZoneId HOSPITAL_ZONE = ZoneId.of("Europe/Brussels");

	private final DicomPeers peers;

	private final CommitmentReports reports;

	PeerController(DicomPeers peers, CommitmentReports reports) {
		this.peers = peers;
		this.reports = reports;
	}

	@GetMapping("/imaging/peers")
	String list(Model model) {
		model.addAttribute("peers", peers.list());
		model.addAttribute("reports", reports.undelivered());
		model.addAttribute("zone", HOSPITAL_ZONE);
		return "imaging/peers";
	}

	@PostMapping("/imaging/peers/reports/retry")
	String retryReport(@RequestParam long id, RedirectAttributes redirect) {
		reports.retry(id);
		redirect.addFlashAttribute("notice", "Storage commitment report " + id + " is being sent again.");
		return "redirect:/imaging/peers";
	}

	@PostMapping("/imaging/peers")
	String save(@RequestParam String aeTitle, @RequestParam String host, @RequestParam int port,
			@RequestParam(defaultValue = "false") boolean tls, @RequestParam(defaultValue = "false") boolean store,
			@RequestParam(defaultValue = "false") boolean find, @RequestParam(defaultValue = "false") boolean retrieve,
			@RequestParam(defaultValue = "false") boolean worklist, @RequestParam(defaultValue = "false") boolean mpps,
			@RequestParam(defaultValue = "false") boolean commit,
			@RequestParam(defaultValue = "false") boolean moveDestination,
			@RequestParam(required = false) @Nullable String description, RedirectAttributes redirect) {
		String text = description == null || description.isBlank() ? null : description.strip();
		peers.save(new DicomPeer(aeTitle.strip(), host.strip(), port, tls, store, find, retrieve, worklist, mpps,
				commit, moveDestination, text));
		redirect.addFlashAttribute("notice", "Peer " + aeTitle.strip() + " saved.");
		return "redirect:/imaging/peers";
	}

	@PostMapping("/imaging/peers/delete")
	String delete(@RequestParam String aeTitle, RedirectAttributes redirect) {
		peers.delete(aeTitle);
		redirect.addFlashAttribute("notice", "Peer " + aeTitle + " removed.");
		return "redirect:/imaging/peers";
	}

}
