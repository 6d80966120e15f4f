package continuum.lab;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.patients.Gender;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The test catalogue: benches, tests, orderables and reference ranges. Read once at start
 * (the catalogue is configuration, not patient data, and changes with a migration).
 */
@Service
public class LabCatalogue {

	private final List<Bench> benches;

	private final Map<String, LabTest> tests;

	private final Map<String, Orderable> orderables;

	private final List<CatalogueRepository.RangeRow> ranges;

	LabCatalogue(CatalogueRepository repository) {
		this.benches = repository.benches();
		this.tests = repository.tests();
		this.orderables = repository.orderables(tests);
		this.ranges = repository.ranges();
	}

	public List<Bench> benches() {
		return benches;
	}

	public Optional<Bench> bench(String code) {
		return benches.stream().filter(b -> b.code().equals(code)).findFirst();
	}

	/** The bench whose analyzer has this HL7 application name (MSH-3). */
	public Optional<Bench> benchOfAnalyzer(String analyzer) {
		return benches.stream().filter(b -> analyzer.equalsIgnoreCase(b.analyzer())).findFirst();
	}

	public Collection<LabTest> tests() {
		return tests.values();
	}

	public Optional<LabTest> test(String code) {
		return Optional.ofNullable(tests.get(code));
	}

	public Collection<Orderable> orderables() {
		return orderables.values();
	}

	public Optional<Orderable> orderable(String code) {
		return Optional.ofNullable(orderables.get(code));
	}

	/**
	 * The range for a patient of this sex and birth date on the given day: the row for
	 * the sex and age band, else the one for any sex; {@link ReferenceRange#NONE} if
	 * none.
	 */
	public ReferenceRange range(String testCode, @Nullable Gender gender, @Nullable LocalDate birthDate, LocalDate on) {
		long ageDays = birthDate == null ? Long.MAX_VALUE / 2 : ChronoUnit.DAYS.between(birthDate, on);
		String sex = gender == Gender.MALE || gender == Gender.FEMALE ? gender.code() : null;
		CatalogueRepository.RangeRow anySex = null;
		for (CatalogueRepository.RangeRow row : ranges) {
			if (!row.testCode().equals(testCode) || ageDays < row.fromDays()
					|| (row.toDays() != null && ageDays >= row.toDays())) {
				continue;
			}
			if (row.sex() != null && row.sex().equals(sex)) {
				return row.range();
			}
			if (row.sex() == null && anySex == null) {
				anySex = row;
			}
		}
		return anySex == null ? ReferenceRange.NONE : anySex.range();
	}

}
