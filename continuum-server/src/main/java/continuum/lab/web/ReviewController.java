package continuum.lab.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import continuum.lab.LabCatalogue;
import continuum.lab.LabResult;
import continuum.lab.ResultId;
import continuum.lab.ResultService;
import continuum.lab.ResultStage;
import continuum.patients.PatientId;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /lab/verification}: entered results, ticked and verified technically by a
 * technologist; {@code /lab/release}: verified results, ticked and released medically by
 * the clinical biologist (others see the queue without the button, and the service
 * refuses their post). Both optionally for one bench; flags and critical values stand
 * out.
 */
@Controller
class ReviewController {

	private final ResultService results;

	private final LabCatalogue catalogue;

	private final LabPages pages;

	ReviewController(ResultService results, LabCatalogue catalogue, LabPages pages) {
		this.results = results;
		this.catalogue = catalogue;
		this.pages = pages;
	}

	@GetMapping("/lab/verification")
	String verification(@RequestParam(required = false) @Nullable String bench, Model model) {
		return page(ResultStage.ENTERED, bench, null, model);
	}

	@GetMapping("/lab/release")
	String release(@RequestParam(required = false) @Nullable String bench, Model model) {
		return page(ResultStage.VERIFIED, bench, null, model);
	}

	@PostMapping("/lab/verification")
	String verify(@RequestParam(name = "result", required = false) @Nullable List<String> ids,
			@RequestParam(required = false) @Nullable String bench, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return advance(ResultStage.ENTERED, ids, bench, model, redirect, response);
	}

	@PostMapping("/lab/release")
	String releaseChosen(@RequestParam(name = "result", required = false) @Nullable List<String> ids,
			@RequestParam(required = false) @Nullable String bench, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return advance(ResultStage.VERIFIED, ids, bench, model, redirect, response);
	}

	private String advance(ResultStage stage, @Nullable List<String> ids, @Nullable String bench, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		String chosenBench = benchOrNull(bench);
		try {
			List<ResultId> chosen = ids == null ? List.of() : ids.stream().map(ResultId::of).toList();
			List<LabResult> done = stage == ResultStage.ENTERED ? results.verify(chosen) : results.release(chosen);
			redirect.addFlashAttribute("notice", done.size() + (done.size() == 1 ? " result " : " results ")
					+ (stage == ResultStage.ENTERED ? "verified." : "released to the chart."));
			if (chosenBench != null) {
				redirect.addAttribute("bench", chosenBench);
			}
			return "redirect:/lab/" + (stage == ResultStage.ENTERED ? "verification" : "release");
		}
		catch (ConflictException | InvalidInputException ex) {
			return page(stage, chosenBench, LabPages.refusal(ex, response), model);
		}
	}

	private String page(ResultStage stage, @Nullable String bench, @Nullable String error, Model model) {
		pages.requireLab(stage == ResultStage.ENTERED ? "verification" : "release");
		String chosenBench = benchOrNull(bench);
		List<LabResult> queue = results.queue(stage, chosenBench, 500);
		Set<PatientId> ids = new LinkedHashSet<>();
		queue.forEach(r -> ids.add(r.patient()));
		model.addAttribute("verification", stage == ResultStage.ENTERED);
		model.addAttribute("queue", queue);
		model.addAttribute("patients", pages.patients(ids));
		model.addAttribute("benches", catalogue.benches());
		model.addAttribute("bench", chosenBench);
		model.addAttribute("mayAct", stage == ResultStage.ENTERED || pages.releases());
		model.addAttribute("zone", LabPages.ZONE);
		model.addAttribute("error", error);
		return "lab/review";
	}

	private @Nullable String benchOrNull(@Nullable String bench) {
		if (bench == null || bench.isBlank()) {
			return null;
		}
		return catalogue.bench(bench.strip())
			.orElseThrow(() -> new NotFoundException("No bench " + bench.strip()))
			.code();
	}

}
