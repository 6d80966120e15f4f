package continuum.patients;

import continuum.platform.DemoDataContributor.DemoSize;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeding analyzes the patient tables only after a seed large enough for their statistics
 * to be worth keeping: statistics of an (almost) empty table make every plan a full scan,
 * kept while the table grows (a fresh installation without demo patients met this;
 * docs/benchmarks.md, FHIR Patient workload).
 */
class PatientDemoDataTests {

	@Test
	void onlyASeedOfAThousandPatientsOrMoreEndsWithAnAnalyze() {
		assertThat(PatientDemoData.analyzesAfter(new DemoSize(0, 7, "unused"))).isFalse();
		assertThat(PatientDemoData.analyzesAfter(new DemoSize(300, 7, "unused"))).isFalse();
		assertThat(PatientDemoData.analyzesAfter(new DemoSize(999, 7, "unused"))).isFalse();
		assertThat(PatientDemoData.analyzesAfter(new DemoSize(1000, 7, "unused"))).isTrue();
		assertThat(PatientDemoData.analyzesAfter(new DemoSize(2000, 7, "unused"))).isTrue();
	}

}
