package continuum.lab.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import continuum.lab.Bench;
import continuum.lab.LabCatalogue;
import continuum.lab.LabResult;
import continuum.lab.LabTest;
import org.jspecify.annotations.Nullable;

/**
 * A patient's released results as tests × times: one column per observation minute,
 * newest first (the results of one draw share a column; a test observed twice in one
 * minute shows both in its cell), one row per test, grouped by the bench that performs
 * it, benches and tests in catalogue order.
 */
record CumulativeTable(List<Instant> columns, List<Group> groups) {

	/** A bench's tests. */
	record Group(String name, List<Row> rows) {
	}

	/**
	 * A test's results, one cell per column (most often one result, or none); the
	 * reference range of its newest result.
	 */
	record Row(LabTest test, @Nullable String range, List<List<LabResult>> cells) {
	}

	static CumulativeTable of(List<LabResult> results, LabCatalogue catalogue) {
		TreeSet<Instant> times = new TreeSet<>(Comparator.reverseOrder());
		Map<String, Map<Instant, List<LabResult>>> byTest = new LinkedHashMap<>();
		Map<String, LabResult> newest = new LinkedHashMap<>();
		for (LabResult result : results) {
			times.add(column(result));
			byTest.computeIfAbsent(result.test().code(), c -> new LinkedHashMap<>())
				.computeIfAbsent(column(result), t -> new ArrayList<>())
				.add(result);
			newest.merge(result.test().code(), result, (a, b) -> b.observedAt().isBefore(a.observedAt()) ? a : b);
		}
		List<Instant> columns = List.copyOf(times);
		Map<String, List<Row>> byBench = new LinkedHashMap<>();
		for (LabTest test : catalogue.tests()) {
			Map<Instant, List<LabResult>> ofTest = byTest.get(test.code());
			if (ofTest == null) {
				continue;
			}
			List<List<LabResult>> cells = new ArrayList<>();
			for (Instant column : columns) {
				cells.add(List.copyOf(ofTest.getOrDefault(column, List.of())));
			}
			byBench.computeIfAbsent(test.bench(), b -> new ArrayList<>())
				.add(new Row(test, newest.get(test.code()).range().text(), List.copyOf(cells)));
		}
		List<Group> groups = new ArrayList<>();
		byBench.forEach((bench, rows) -> groups
			.add(new Group(catalogue.bench(bench).map(Bench::name).orElse(bench), List.copyOf(rows))));
		return new CumulativeTable(columns, List.copyOf(groups));
	}

	private static Instant column(LabResult result) {
		return result.observedAt().truncatedTo(ChronoUnit.MINUTES);
	}

	public boolean isEmpty() {
		return columns.isEmpty();
	}

}
