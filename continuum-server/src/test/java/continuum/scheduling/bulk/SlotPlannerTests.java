package continuum.scheduling.bulk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import continuum.scheduling.AppointmentType;
import continuum.scheduling.ScheduleId;
import continuum.scheduling.Slot;
import continuum.scheduling.SlotId;
import continuum.scheduling.SlotStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner on hand-made slots: earliest start first, the own resource before an
 * equivalent one, all needs at one start, the type respected, and no slot given twice.
 */
class SlotPlannerTests {

	static final Instant T0 = Instant.parse("2028-05-02T06:00:00Z");

	static final ScheduleId DOCTOR_A = new ScheduleId(1);

	static final ScheduleId DOCTOR_B = new ScheduleId(2);

	static final ScheduleId SCANNER = new ScheduleId(3);

	long ids = 100;

	@Test
	void givesEachSlotOnceAndTheOwnResourceFirst() {
		List<Slot> free = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			free.add(slot(DOCTOR_A, AppointmentType.CT, i));
			free.add(slot(DOCTOR_B, AppointmentType.CT, i));
			free.add(slot(SCANNER, AppointmentType.CT, i));
		}
		SlotPlanner planner = new SlotPlanner(free, Set.of());
		List<SlotPlanner.Need> needs = List.of(new SlotPlanner.Need(List.of(DOCTOR_B, DOCTOR_A)),
				new SlotPlanner.Need(List.of(SCANNER)));

		List<SlotPlanner.Choice> choices = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			planner.plan(AppointmentType.CT, needs, T0).ifPresent(choices::add);
		}

		assertThat(choices).extracting(SlotPlanner.Choice::start)
			.containsExactly(T0, T0.plusSeconds(1200), T0.plusSeconds(2400));
		assertThat(choices).allSatisfy(c -> assertThat(c.slots().get(0).schedule()).isEqualTo(DOCTOR_B));
		Set<SlotId> used = new HashSet<>();
		choices.forEach(c -> c.slotIds().forEach(id -> assertThat(used.add(id)).isTrue()));
	}

	@Test
	void skipsOtherTypesReservedSlotsAndStartsBeforeTheLimit() {
		Slot early = slot(DOCTOR_A, AppointmentType.CT, 0);
		Slot otherType = slot(DOCTOR_A, AppointmentType.MRI, 1);
		Slot reserved = slot(DOCTOR_A, AppointmentType.CT, 2);
		Slot fits = slot(DOCTOR_A, AppointmentType.CT, 3);
		SlotPlanner planner = new SlotPlanner(List.of(early, otherType, reserved, fits), Set.of(reserved.id()));

		Optional<SlotPlanner.Choice> choice = planner.plan(AppointmentType.CT,
				List.of(new SlotPlanner.Need(List.of(DOCTOR_A))), T0.plusSeconds(60));

		assertThat(choice).map(SlotPlanner.Choice::slotIds).contains(List.of(fits.id()));
		assertThat(planner.plan(AppointmentType.CT, List.of(new SlotPlanner.Need(List.of(DOCTOR_A))), T0))
			.map(SlotPlanner.Choice::slotIds)
			.contains(List.of(early.id()));
	}

	@Test
	void findsNothingWhenOneNeedHasNoSlotAtAnyStart() {
		SlotPlanner planner = new SlotPlanner(
				List.of(slot(DOCTOR_A, AppointmentType.CT, 0), slot(SCANNER, AppointmentType.CT, 1)), Set.of());

		assertThat(planner.plan(AppointmentType.CT,
				List.of(new SlotPlanner.Need(List.of(DOCTOR_A)), new SlotPlanner.Need(List.of(SCANNER))), T0))
			.isEmpty();
	}

	private Slot slot(ScheduleId schedule, AppointmentType type, int index) {
		Instant start = T0.plusSeconds(1200L * index);
		return new Slot(new SlotId(ids++), schedule, type, start, start.plusSeconds(1200), SlotStatus.FREE, false, 1,
				T0);
	}

}
