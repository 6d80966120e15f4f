package continuum.lab.web;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import continuum.lab.Bench;
import continuum.lab.LabCatalogue;
import continuum.lab.LabResult;
import continuum.lab.ResultService;
import continuum.lab.ResultStage;
import continuum.patients.PatientId;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /lab/benches}: the benches; {@code /lab/benches/{code}}: a bench's work list
 * (tests of received specimens with no result yet, most urgent first), each line with a
 * field to enter its result by hand: the manual bench's only way in, and an analyzer
 * bench's way when its analyzer is down. Results entered on the bench's tests and waiting
 * for verification are listed under it. A refused value is shown on its own line.
 */
@Controller
class BenchController {

	private final ResultService results;

	private final LabCatalogue catalogue;

	private final LabPages pages;

	BenchController(ResultService results, LabCatalogue catalogue, LabPages pages) {
		this.results = results;
		this.catalogue = catalogue;
		this.pages = pages;
	}

	@GetMapping("/lab/benches")
	String benches(Model model) {
		pages.requireLab("benches");
		model.addAttribute("benches", catalogue.benches());
		return "lab/benches";
	}

	@GetMapping("/lab/benches/{code}")
	String bench(@PathVariable String code, Model model) {
		return page(bench(code), Map.of(), Map.of(), model);
	}

	@PostMapping("/lab/benches/{code}/results")
	String enter(@PathVariable String code, @RequestParam String accession, @RequestParam String test,
			@RequestParam(defaultValue = "") String value, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		Bench bench = bench(code);
		try {
			LabResult entered = results.enter(accession, test, value);
			redirect.addFlashAttribute("notice", entered.test().shortName() + " " + entered.value().display()
					+ " entered for specimen " + accession + "; it waits for verification.");
			return "redirect:/lab/benches/" + bench.code();
		}
		catch (ConflictException | InvalidInputException ex) {
			String line = accession + "/" + test;
			return page(bench, Map.of(line, LabPages.refusal(ex, response)), Map.of(line, value), model);
		}
	}

	private Bench bench(String code) {
		pages.requireLab("bench");
		return catalogue.bench(code).orElseThrow(() -> new NotFoundException("No bench " + code));
	}

	private String page(Bench bench, Map<String, String> errors, Map<String, String> typed, Model model) {
		List<ResultService.WorkItem> lines = results.worklist(bench.code(), 500);
		List<LabResult> entered = results.queue(ResultStage.ENTERED, bench.code(), 500);
		Set<PatientId> ids = new LinkedHashSet<>();
		lines.forEach(l -> ids.add(l.patient()));
		entered.forEach(r -> ids.add(r.patient()));
		model.addAttribute("bench", bench);
		model.addAttribute("lines", lines);
		model.addAttribute("entered", entered);
		model.addAttribute("patients", pages.patients(ids));
		model.addAttribute("errors", errors);
		// A refusal for a line the list no longer shows goes above it.
		model.addAttribute("error", errors.entrySet()
			.stream()
			.filter(e -> lines.stream().noneMatch(l -> (l.accession() + "/" + l.test().code()).equals(e.getKey())))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null));
		model.addAttribute("typed", new LinkedHashMap<>(typed));
		model.addAttribute("zone", LabPages.ZONE);
		return "lab/bench";
	}

}
