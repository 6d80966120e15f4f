package continuum.lab;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import continuum.platform.DemoDataContributor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo hospital's laboratory: for a sixth of the patients (at most 150), two to four
 * weeks of results told as small clinical stories (an infection settling, kidneys
 * failing, an INR drifting up on anticoagulants, a rising troponin, poorly controlled
 * diabetes, a healthy check-up), released by the clinical biologist, some abnormal and a
 * few critical with their alerts open; and today's work: specimens to collect and to
 * receive, results waiting for verification and for release. Written through the module's
 * repositories with the times of the story, in the change feed like any result.
 */
@Component
class LabDemoData implements DemoDataContributor {

	private static final String[] PHYSICIANS = { "physician", "physician", "physician2", "physician3" };

	private final PatientService patients;

	private final OrderRepository orders;

	private final ResultRepository results;

	private final LabCatalogue catalogue;

	private final CriticalAlertService alerts;

	private final ChangeFeed changes;

	private final Clock clock;

	LabDemoData(PatientService patients, OrderRepository orders, ResultRepository results, LabCatalogue catalogue,
			CriticalAlertService alerts, ChangeFeed changes, Clock clock) {
		this.patients = patients;
		this.orders = orders;
		this.results = results;
		this.catalogue = catalogue;
		this.alerts = alerts;
		this.changes = changes;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "lab";
	}

	@Override
	public int order() {
		return 60;
	}

	/**
	 * A story: per day offset (negative: days ago), what was ordered and the values of
	 * its tests.
	 */
	private record Draw(int daysAgo, List<String> orderables, Map<String, Double> values) {
	}

	@Override
	@Transactional
	public void seed(DemoSize size) {
		Random random = new Random(size.randomSeed() + 16);
		int count = Math.min(150, Math.max(12, size.patients() / 6));
		List<PatientId> ids = patients.idsForDemo(count);
		Map<PatientId, PatientSummary> summaries = patients.summaries(ids);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
		for (int i = 0; i < ids.size(); i++) {
			PatientSummary patient = summaries.get(ids.get(i));
			if (patient == null) {
				continue;
			}
			String physician = PHYSICIANS[i % PHYSICIANS.length];
			List<Draw> story = story(i % 6, random);
			for (Draw draw : story) {
				Instant at = now.minus(Duration.ofDays(draw.daysAgo())).minus(Duration.ofHours(2 + random.nextInt(6)));
				releasedOrder(patient, physician, draw, at, random);
			}
			if (i % 10 == 3) {
				pendingOrder(patient, physician, now.minus(Duration.ofMinutes(20 + i)), (i / 10) % 3, random);
			}
		}
	}

	private static List<Draw> story(int kind, Random random) {
		return switch (kind) {
			case 0 -> List.of(draw(14, "58410-2,1988-5", "6690-2=16.8,1988-5=142"),
					draw(12, "58410-2,1988-5", "6690-2=14.1,1988-5=96"), draw(9, "1988-5", "1988-5=41"),
					draw(6, "58410-2,1988-5", "6690-2=9.2,1988-5=12.5"));
			case 1 -> List.of(draw(20, "51990-0", "2160-0=1.4,2823-3=4.9,3094-0=28"),
					draw(13, "51990-0", "2160-0=2.1,2823-3=5.6,3094-0=41"),
					draw(5, "51990-0,58410-2", "2160-0=3.4,2823-3=6.1,3094-0=63,718-7=9.4"),
					draw(1, "51990-0", "2160-0=4.2,2823-3=" + (random.nextBoolean() ? "6.8" : "6.3") + ",3094-0=78"));
			case 2 -> List.of(draw(21, "6301-6", "6301-6=2.2"), draw(14, "6301-6", "6301-6=2.8"),
					draw(7, "6301-6,58410-2", "6301-6=3.6,777-3=210"), draw(2, "6301-6", "6301-6=5.8"));
			case 3 -> List.of(draw(3, "67151-1,51990-0", "67151-1=9"), draw(2, "67151-1", "67151-1=64"),
					draw(2, "67151-1", "67151-1=118"), draw(1, "67151-1,58410-2", "67151-1=96"));
			case 4 -> List.of(draw(28, "4548-4,51990-0", "4548-4=8.9,2345-7=212"),
					draw(10, "4548-4,51990-0", "4548-4=8.1,2345-7=174"));
			default -> List.of(draw(25, "58410-2,51990-0", ""), draw(4, "1988-5,4537-7", ""));
		};
	}

	private static Draw draw(int daysAgo, String orderables, String values) {
		Map<String, Double> map = new java.util.HashMap<>();
		for (String pair : values.split(",")) {
			if (!pair.isBlank()) {
				String[] kv = pair.split("=");
				map.put(kv[0], Double.parseDouble(kv[1]));
			}
		}
		return new Draw(daysAgo, List.of(orderables.split(",")), map);
	}

	/**
	 * An order drawn at {@code at}, received an hour later, released three hours later.
	 */
	private void releasedOrder(PatientSummary patient, String physician, Draw draw, Instant at, Random random) {
		LabOrder order = place(patient.id(), physician, draw.orderables(), at, Priority.ROUTINE);
		Instant received = at.plus(Duration.ofMinutes(50));
		Instant released = at.plus(Duration.ofHours(3));
		List<ResultId> entered = new ArrayList<>();
		for (Specimen specimen : order.specimens()) {
			receive(specimen, at, received);
			for (LabItemId itemId : specimen.items()) {
				LabOrder.Item item = order.item(itemId);
				for (LabTest test : item.orderable().tests()) {
					if (test.container().equals(specimen.container())) {
						entered.add(enter(patient, item, specimen, test, draw.values().get(test.code()),
								received.plus(Duration.ofMinutes(40)), random));
					}
				}
			}
		}
		results.advance(entered, ResultStage.ENTERED, ResultStage.VERIFIED, "labtech", released.minusSeconds(1800));
		results.advance(entered, ResultStage.VERIFIED, ResultStage.RELEASED, "labmed", released);
		for (LabResult result : results.findAll(entered)) {
			results.recordVersion(result.id(), "labmed", null, released);
			changes.append(ResultService.OBSERVATION, result.id().asString(), patient.id().asString(),
					ChangeOperation.CREATE);
			if (result.critical() && draw.daysAgo() <= 1) {
				alerts.raise(result);
			}
		}
		for (LabOrder.Item item : order.items()) {
			orders.setItemStatus(item.id(), OrderStatus.COMPLETED, released);
			changes.append(ResultService.DIAGNOSTIC_REPORT, item.id().asString(), patient.id().asString(),
					ChangeOperation.CREATE);
		}
		orders.setOrderStatus(order.id(), OrderStatus.COMPLETED, null, null, released);
	}

	/**
	 * Today's work: 0 specimens still to collect, 1 received with results waiting for
	 * verification, 2 verified results waiting for release.
	 */
	private void pendingOrder(PatientSummary patient, String physician, Instant at, int stage, Random random) {
		LabOrder order = place(patient.id(), physician, List.of("58410-2", "1988-5"), at,
				stage == 0 ? Priority.URGENT : Priority.ROUTINE);
		if (stage == 0) {
			return;
		}
		List<ResultId> entered = new ArrayList<>();
		Instant received = at.plus(Duration.ofMinutes(10));
		for (Specimen specimen : order.specimens()) {
			receive(specimen, at, received);
			for (LabItemId itemId : specimen.items()) {
				LabOrder.Item item = order.item(itemId);
				for (LabTest test : item.orderable().tests()) {
					if (test.container().equals(specimen.container())) {
						entered.add(enter(patient, item, specimen, test, null, received.plus(Duration.ofMinutes(5)),
								random));
					}
				}
			}
		}
		if (stage == 2) {
			results.advance(entered, ResultStage.ENTERED, ResultStage.VERIFIED, "labtech", received.plusSeconds(600));
		}
	}

	private LabOrder place(PatientId patient, String physician, List<String> orderables, Instant at,
			Priority priority) {
		LabOrderId id = orders.insertWhole(patient, priority, physician, null,
				orderables.stream().map(code -> catalogue.orderable(code).orElseThrow()).toList(), at);
		LabOrder order = orders.find(id, false).orElseThrow();
		for (LabOrder.Item item : order.items()) {
			changes.append(LabOrderService.SERVICE_REQUEST, item.id().asString(), patient.asString(),
					ChangeOperation.CREATE);
		}
		return order;
	}

	private void receive(Specimen specimen, Instant collected, Instant received) {
		orders.collect(specimen.accession(), "nurse", collected, collected);
		orders.receive(specimen.accession(), "labtech", SpecimenCondition.ACCEPTABLE, null, received);
		orders.assignFillerNumbers(specimen.accession(), received);
	}

	private ResultId enter(PatientSummary patient, LabOrder.Item item, Specimen specimen, LabTest test,
			@Nullable Double story, Instant at, Random random) {
		LocalDate on = LocalDate.ofInstant(at, LabSettings.ZONE);
		ReferenceRange range = catalogue.range(test.code(), patient.gender(), patient.birthDate(), on);
		ResultValue value = test.numeric() ? ResultValue.number(number(test, range, story, random))
				: ResultValue.text(range.normalText() == null ? "Negative" : range.normalText());
		AbnormalFlag flag = value.number() != null ? AbnormalFlag.of(value.number(), range)
				: AbnormalFlag.of(value.text(), range);
		String analyzer = test.analyzer();
		ResultId id = results.insert(new ResultRepository.Entry(item.id(), specimen.accession(), patient.id(), test,
				value, range, flag, test.method(), analyzer, ResultStatus.FINAL, at,
				analyzer == null ? "labtech" : "analyzer:" + analyzer), at);
		results.recordVersion(id, analyzer == null ? "labtech" : "analyzer:" + analyzer, null, at);
		return id;
	}

	/**
	 * The story's value, or a plausible normal one within the range, rounded to the
	 * test's decimals.
	 */
	private static BigDecimal number(LabTest test, ReferenceRange range, @Nullable Double story, Random random) {
		double value;
		if (story != null) {
			value = story * (0.98 + random.nextDouble() * 0.04);
		}
		else if (range.low() != null && range.high() != null) {
			double low = range.low().doubleValue();
			double high = range.high().doubleValue();
			value = low + (high - low) * (0.2 + random.nextDouble() * 0.6);
		}
		else if (range.high() != null) {
			value = range.high().doubleValue() * (0.1 + random.nextDouble() * 0.5);
		}
		else {
			value = 1;
		}
		int decimals = test.decimals() == null ? 1 : test.decimals();
		return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
	}

}
