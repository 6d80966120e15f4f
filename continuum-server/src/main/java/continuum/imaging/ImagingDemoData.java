package continuum.imaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.DemoDataContributor;
import org.continuum.dicom.data.UidGenerator;
import org.springframework.stereotype.Component;

/**
 * The demo hospital's radiology: today's walk-in examinations (chest and knee
 * radiographs, hands and ankles, screening mammograms) every 40 minutes from 08:00 on the
 * DX, CR and MG stations — half of those already past done, the rest on the worklist
 * whatever the hour, so a modality asking for today's worklist finds items at once — a
 * few CT, MR and ultrasound examinations scheduled on the coming days, and examinations
 * done in the last weeks. The CT, MR and ultrasound steps are not booked on the Radiology
 * schedules: a booking tells the patient (scheduling's appointment messages), and the
 * demo hospital sends its patients nothing. Deterministic from the demo seed; each
 * requested procedure in the change feed.
 */
@Component
class ImagingDemoData implements DemoDataContributor {

	private static final String[] WALK_IN = { "36643-5", "XR-KNEE", "XR-HAND", "36643-5", "XR-ANKLE", "MG-SCREEN",
			"XR-LSPINE" };

	private static final String[] BOOKED = { "24725-4", "MR-BRAIN", "US-ABD", "24627-2", "MR-KNEE", "US-NECK" };

	private static final String[] PHYSICIANS = { "physician", "physician2", "physician3", "physician4" };

	private static final String[] REASONS = { "Dyspnoea, fever", "Knee pain after a fall", "Follow-up",
			"Suspected fracture", "Screening", "Headache, vomiting", "Abdominal pain" };

	private final ImagingOrderRepository orders;

	private final ImagingCatalogue catalogue;

	private final PatientService patients;

	private final ChangeFeed changes;

	private final ImagingSettings settings;

	private final Clock clock;

	ImagingDemoData(ImagingOrderRepository orders, ImagingCatalogue catalogue, PatientService patients,
			ChangeFeed changes, ImagingSettings settings, Clock clock) {
		this.orders = orders;
		this.catalogue = catalogue;
		this.patients = patients;
		this.changes = changes;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "imaging";
	}

	@Override
	public int order() {
		return 70;
	}

	@Override
	public void seed(DemoSize size) {
		List<PatientId> ids = patients.idsForDemo(Math.min(size.patients(), 400));
		if (ids.size() < 40) {
			return;
		}
		Random random = new Random(size.randomSeed() * 31 + 70);
		UidGenerator uids = new UidGenerator(settings.uidRoot());
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		LocalDate today = LocalDate.ofInstant(now, ImagingSettings.ZONE);
		int next = 0;
		// Today's walk-in examinations: every 40 minutes from 08:00 to 16:00.
		LocalTime time = LocalTime.of(8, 0);
		for (int i = 0; !time.isAfter(LocalTime.of(16, 0)); i++, time = time.plusMinutes(40)) {
			Instant start = today.atTime(time).atZone(ImagingSettings.ZONE).toInstant();
			boolean done = start.isBefore(now.minus(Duration.ofMinutes(30))) && i % 2 == 0;
			insert(ids.get(next++ * 7 % ids.size()), WALK_IN[i % WALK_IN.length], start, done, random, uids, now);
		}
		// Done in the last four weeks.
		for (int i = 0; i < 12; i++) {
			Instant start = today.minusDays(1 + random.nextInt(28))
				.atTime(8 + random.nextInt(8), 20 * random.nextInt(3))
				.atZone(ImagingSettings.ZONE)
				.toInstant();
			String code = i % 2 == 0 ? WALK_IN[random.nextInt(WALK_IN.length)] : BOOKED[random.nextInt(BOOKED.length)];
			insert(ids.get(next++ * 7 % ids.size()), code, start, true, random, uids, now);
		}
		// CT, MR and ultrasound on the coming days, one a day from tomorrow at 09:00.
		for (int i = 0; i < BOOKED.length; i++) {
			Instant start = today.plusDays(1 + i).atTime(9, 0).atZone(ImagingSettings.ZONE).toInstant();
			insert(ids.get(next++ * 7 % ids.size()), BOOKED[i], start, false, random, uids, now);
		}
	}

	private void insert(PatientId patient, String code, Instant start, boolean done, Random random, UidGenerator uids,
			Instant now) {
		ImagingProcedure procedure = catalogue.procedure(code).orElseThrow();
		Instant ordered = start.minus(Duration.ofHours(2 + random.nextInt(70)));
		ImagingOrderId order = orders.insertOrder("IO" + orders.nextPlacerNumber(), settings.placerApplication(),
				patient, random.nextInt(6) == 0 ? ImagingPriority.URGENT : ImagingPriority.ROUTINE,
				PHYSICIANS[random.nextInt(PHYSICIANS.length)], REASONS[random.nextInt(REASONS.length)],
				ordered.isAfter(now) ? now : ordered);
		long value = orders.nextAccession();
		long rp = orders.insertProcedure(order, patient, code, Long.toString(value), "RP" + value, uids.next(), now);
		long step = orders.insertStep(rp, patient, "SPS" + value, procedure.modality(),
				settings.station(procedure.modality()), start, procedure.durationMinutes(), null, now);
		if (done) {
			orders.setStepStatus(step, StepStatus.COMPLETED, null, now);
			orders.setProcedureStatus(rp, ProcedureStatus.COMPLETED, now);
			orders.setOrderStatus(order, ImagingOrderStatus.COMPLETED, null, null, now);
		}
		changes.append(ImagingOrderService.SERVICE_REQUEST, "img-" + rp, patient.asString(), ChangeOperation.CREATE);
	}

}
