package continuum.imaging.web;

import java.time.ZoneId;

import continuum.imaging.ReadingService;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /imaging/reading}: the radiologist's worklist of studies to read, STAT first,
 * then urgent, then routine, the longest waiting first; optionally of one modality. Each
 * line opens the report editor and, when the PACS has the images, the viewer.
 */
@Controller
class ReadingController {

	static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	private final ReadingService reading;

	ReadingController(ReadingService reading) {
		this.reading = reading;
	}

	@GetMapping("/imaging/reading")
	String worklist(@RequestParam(required = false) @Nullable String modality, Model model) {
		String chosen = modality == null || modality.isBlank() ? null : modality.strip();
		model.addAttribute("items", reading.worklist(chosen));
		model.addAttribute("modalities", reading.modalities());
		model.addAttribute("modality", chosen);
		model.addAttribute("max", ReadingService.MAX_ITEMS);
		model.addAttribute("zone", ZONE);
		return "imaging/reading";
	}

}
