package continuum.adt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import continuum.patients.Gender;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import continuum.platform.DemoDataContributor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The demo hospital's stays: about 150 current inpatients (a quarter of the patients when
 * there are fewer than 600), spread over the wards with fitting patients (women on
 * maternity, children on paediatrics, the old on geriatrics), finished stays and visits
 * of the past year for a few hundred patients, and a dozen planned surgical admissions in
 * the coming two weeks. Goes through {@link AdmissionService} and
 * {@link PlannedAdmissionService}, so every stay is checked, audited and in the change
 * feed like any other.
 */
@Component
class EncounterDemoData implements DemoDataContributor {

	private static final String[] PHYSICIANS = { "physician", "physician2", "physician3", "physician4" };

	private static final Map<Specialty, String[]> REASONS = Map.of(Specialty.CARDIOLOGY,
			new String[] { "Voorkamerfibrillatie", "Décompensation cardiaque", "NSTEMI" }, Specialty.GERIATRICS,
			new String[] { "Val thuis", "Delirium", "Chute à domicile, déshydratation" }, Specialty.INTENSIVE_CARE,
			new String[] { "Septische shock", "Insuffisance respiratoire aiguë" }, Specialty.MATERNITY,
			new String[] { "Bevalling", "Accouchement", "Zwangerschapshypertensie" }, Specialty.PAEDIATRICS,
			new String[] { "Bronchiolitis (RSV)", "Gastro-entérite, déshydratation" }, Specialty.SURGERY,
			new String[] { "Acute appendicitis", "Cholécystectomie", "Liesbreukherstel" }, Specialty.EMERGENCY,
			new String[] { "Thoracale pijn", "Douleur abdominale", "Hoofdwonde na val" }, Specialty.INTERNAL_MEDICINE,
			new String[] { "Pneumonie", "Diabetische ketoacidose", "Pyélonéphrite" }, Specialty.NEUROLOGY,
			new String[] { "Ischemisch CVA", "AVC, thrombolyse", "Epileptische aanval" }, Specialty.ORTHOPAEDICS,
			new String[] { "Totale knieprothese", "Fracture du col du fémur" });

	private static final String[] VISITS = { "Raadpleging cardiologie", "Consultation de suivi", "Controle na ingreep",
			"Enkelverstuiking", "Coupure à la main" };

	private final AdmissionService admissions;

	private final PlannedAdmissionService planning;

	private final LocationRepository locations;

	private final PatientService patients;

	private final Clock clock;

	EncounterDemoData(AdmissionService admissions, PlannedAdmissionService planning, LocationRepository locations,
			PatientService patients, Clock clock) {
		this.admissions = admissions;
		this.planning = planning;
		this.locations = locations;
		this.patients = patients;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "adt-encounters";
	}

	@Override
	public int order() {
		return 40;
	}

	@Override
	public void seed(DemoSize size) {
		Random random = new Random(size.randomSeed() * 31 + 40);
		List<PatientId> ids = new ArrayList<>(patients.idsForDemo(size.patients()));
		Collections.shuffle(ids, random);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
		Candidates candidates = new Candidates(ids);
		List<LocationRepository.BedRow> beds = new ArrayList<>();
		locations.wards().forEach(ward -> beds.addAll(locations.beds(ward.id())));
		Map<BedId, Instant> bedFreeFrom = new HashMap<>();
		int pastPatients = Math.min(300, ids.size() / 2);
		for (PatientId patient : ids.subList(0, pastPatients)) {
			seedPast(patient, beds, bedFreeFrom, now, random);
		}
		int inpatients = Math.min(150, ids.size() / 4);
		Collections.shuffle(beds, random);
		int admitted = 0;
		for (LocationRepository.BedRow row : beds) {
			if (admitted == inpatients) {
				break;
			}
			Specialty specialty = specialtyOf(row.bed());
			PatientId patient = candidates.next(fits(specialty, now));
			if (patient == null) {
				continue;
			}
			Instant at = now.minus(
					Duration.ofMinutes(30 + random.nextInt(specialty == Specialty.EMERGENCY ? 8 * 60 : 12 * 24 * 60)));
			admissions.admit(new Admission(patient, row.bed().id(),
					specialty == Specialty.EMERGENCY ? EncounterClass.EMERGENCY : EncounterClass.INPATIENT,
					pick(REASONS.get(specialty), random), pick(PHYSICIANS, random), at));
			admitted++;
		}
		int elective = Math.min(12, ids.size() / 25);
		for (int i = 0; i < elective; i++) {
			PatientId patient = candidates.next(fits(Specialty.SURGERY, now));
			if (patient == null) {
				break;
			}
			Specialty specialty = i % 2 == 0 ? Specialty.SURGERY : Specialty.ORTHOPAEDICS;
			planning.plan(new Admission(patient, null, EncounterClass.INPATIENT, pick(REASONS.get(specialty), random),
					pick(PHYSICIANS, random), now.plus(Duration.ofHours(12 + random.nextInt(24 * 14)))));
		}
	}

	/**
	 * One or two finished encounters in the past year, ending at least a month ago, never
	 * overlapping per bed.
	 */
	private void seedPast(PatientId patient, List<LocationRepository.BedRow> beds, Map<BedId, Instant> bedFreeFrom,
			Instant now, Random random) {
		Instant cursor = now.minus(Duration.ofDays(330 + random.nextInt(30)));
		int count = 1 + random.nextInt(2);
		for (int i = 0; i < count; i++) {
			Instant start = cursor.plus(Duration.ofHours(24 + random.nextInt(24 * 90)));
			if (random.nextInt(3) == 0) {
				Instant end = start.plus(Duration.ofMinutes(20 + random.nextInt(60)));
				if (end.isAfter(now.minus(Duration.ofDays(30)))) {
					return;
				}
				EncounterId id = admissions
					.admit(new Admission(patient, null, EncounterClass.AMBULATORY, pick(VISITS, random),
							pick(PHYSICIANS, random), start))
					.id();
				admissions.discharge(id, end, null);
				cursor = end;
				continue;
			}
			LocationRepository.BedRow row = beds.get(random.nextInt(beds.size()));
			Instant free = bedFreeFrom.getOrDefault(row.bed().id(), Instant.MIN);
			if (start.isBefore(free)) {
				start = free.plus(Duration.ofHours(2));
			}
			Instant end = start.plus(Duration.ofHours(24 + random.nextInt(24 * 10)));
			if (end.isAfter(now.minus(Duration.ofDays(30)))) {
				return;
			}
			Specialty specialty = specialtyOf(row.bed());
			EncounterId id = admissions
				.admit(new Admission(patient, row.bed().id(),
						specialty == Specialty.EMERGENCY ? EncounterClass.EMERGENCY : EncounterClass.INPATIENT,
						pick(REASONS.get(specialty), random), pick(PHYSICIANS, random), start))
				.id();
			admissions.discharge(id, end, null);
			bedFreeFrom.put(row.bed().id(), end);
			cursor = end;
		}
	}

	private Specialty specialtyOf(BedLocation bed) {
		return locations.ward(bed.wardCode()).orElseThrow().specialty();
	}

	private static Predicate<PatientSummary> fits(Specialty specialty, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		return summary -> {
			int age = summary.birthDate() == null ? 50 : Period.between(summary.birthDate(), today).getYears();
			return switch (specialty) {
				case MATERNITY -> summary.gender() == Gender.FEMALE && age >= 18 && age <= 45;
				case PAEDIATRICS -> age < 16;
				case GERIATRICS -> age >= 75;
				default -> age >= 16;
			};
		};
	}

	private static String pick(String[] values, Random random) {
		return values[random.nextInt(values.length)];
	}

	/**
	 * Patients not yet admitted now, read lazily so that only the ones looked at are read
	 * (and audited).
	 */
	private final class Candidates {

		private final List<PatientId> order;

		private final Map<PatientId, PatientSummary> read = new HashMap<>();

		private final Set<PatientId> taken = new HashSet<>();

		Candidates(List<PatientId> order) {
			this.order = order;
		}

		@Nullable PatientId next(Predicate<PatientSummary> fits) {
			int looked = 0;
			for (PatientId id : order) {
				if (taken.contains(id)) {
					continue;
				}
				PatientSummary summary = read.computeIfAbsent(id, patients::summary);
				if (fits.test(summary)) {
					taken.add(id);
					return id;
				}
				if (++looked > 60) {
					break;
				}
			}
			return null;
		}

	}

}
