package continuum.patients.web;

import java.time.LocalDate;
import java.util.Map;

import continuum.patients.CommonTerms;
import continuum.patients.PatientId;
import continuum.patients.Problem;
import org.jspecify.annotations.Nullable;

import static continuum.patients.web.ClinicalForms.blank;
import static continuum.patients.web.ClinicalForms.format;

/** A problem as typed. */
record ProblemForm(@Nullable String problem, @Nullable String clinicalStatus, @Nullable String verificationStatus,
		@Nullable String onset, @Nullable String version) implements ClinicalForms.EntryForm<Problem> {

	static ProblemForm empty() {
		return new ProblemForm("", "active", "confirmed", "", null);
	}

	static ProblemForm of(Problem problem) {
		return new ProblemForm(problem.code().text(), problem.clinicalStatus(), problem.verificationStatus(),
				format(problem.onset()), Integer.toString(problem.version()));
	}

	/** The problem; an onset in the future is refused. */
	@Override
	public @Nullable Problem entry(PatientId patient, @Nullable Problem current, LocalDate today,
			Map<String, String> errors) {
		if (blank(problem)) {
			errors.put("problem", "Enter the problem, e.g. Type 2 diabetes mellitus.");
		}
		ClinicalForms.requireStatus(clinicalStatus, verificationStatus, errors);
		LocalDate onsetDate = ClinicalForms.date(onset, "onset", "onset", errors);
		if (onsetDate != null && onsetDate.isAfter(today)) {
			errors.put("onset", "The onset date is in the future.");
		}
		if (!errors.isEmpty()) {
			return null;
		}
		return ClinicalForms.valid(() -> Problem.of(patient, CommonTerms.code(CommonTerms.PROBLEMS, problem),
				clinicalStatus, verificationStatus, onsetDate), errors);
	}

}
