package continuum.imaging.web;

import continuum.platform.NotFoundException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /imaging/studies/{studyUid}/view}: the study viewer, a page of our own whose
 * script ({@code static/js/imaging-viewer.js}) reads the study over DICOMweb with the
 * page's session — series from QIDO-RS, slices as WADO-RS rendered images — so every
 * image shown is checked and audited there, per patient.
 */
@Controller
class ViewerController {

	private final AccessControl access;

	ViewerController(AccessControl access) {
		this.access = access;
	}

	@GetMapping("/imaging/studies/{studyUid}/view")
	String view(@PathVariable String studyUid, Model model) {
		if (!studyUid.matches("[0-9]+(\\.[0-9]+)*") || studyUid.length() > 64) {
			throw new NotFoundException("No study " + studyUid.replaceAll("[^0-9.]", "?"));
		}
		access.require("ImagingStudy", Interaction.READ, studyUid, null);
		model.addAttribute("studyUid", studyUid);
		return "imaging/viewer";
	}

}
