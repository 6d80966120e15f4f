package continuum.lab.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /lab}: the laboratory's landing page, linking to what the role does there: the
 * collection round (whoever draws specimens), reception, benches, verification and
 * release (the laboratory).
 */
@Controller
class LabHomeController {

	private final LabPages pages;

	LabHomeController(LabPages pages) {
		this.pages = pages;
	}

	@GetMapping("/lab")
	String home(Model model) {
		pages.requireCollector("laboratory");
		model.addAttribute("inLab", pages.inLab());
		model.addAttribute("releases", pages.releases());
		return "lab/home";
	}

}
