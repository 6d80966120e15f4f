package continuum.adt;

import java.util.List;

import continuum.platform.DemoDataContributor;
import org.springframework.stereotype.Component;

/**
 * The demo hospital's ten wards (Dutch and French names, as in a Brussels hospital), 250
 * beds in single, double and four-bed rooms. Fixed, so that every demo hospital has the
 * same wards.
 */
@Component
class WardDemoData implements DemoDataContributor {

	/**
	 * A ward to create: its floor numbers its rooms, {@code roomSizes} repeats until
	 * {@code beds} are placed.
	 */
	private record Plan(String code, String name, Specialty specialty, int floor, int beds, int... roomSizes) {
	}

	private static final List<Plan> PLANS = List
		.of(new Plan("C3A", "Cardiologie 3A", Specialty.CARDIOLOGY, 3, 28, 2, 2, 1),
				new Plan("G2B", "Geriatrie / Gériatrie 2B", Specialty.GERIATRICS, 2, 30, 2, 4, 2),
				new Plan("IZ1", "Intensieve Zorg / Soins Intensifs", Specialty.INTENSIVE_CARE, 1, 16, 1),
				new Plan("MAT4", "Materniteit / Maternité", Specialty.MATERNITY, 4, 24, 1, 2),
				new Plan("PED5", "Pediatrie / Pédiatrie", Specialty.PAEDIATRICS, 5, 20, 1, 2),
				new Plan("HK6", "Heelkunde / Chirurgie 6", Specialty.SURGERY, 6, 30, 2),
				new Plan("SPG0", "Spoedgevallen / Urgences", Specialty.EMERGENCY, 0, 18, 1, 1, 4),
				new Plan("IG7", "Inwendige Geneeskunde / Médecine Interne", Specialty.INTERNAL_MEDICINE, 7, 30, 2, 2,
						1),
				new Plan("NEU8", "Neurologie / Neurologie Stroke Unit", Specialty.NEUROLOGY, 8, 24, 2, 1),
				new Plan("ORT9", "Orthopedie / Orthopédie", Specialty.ORTHOPAEDICS, 9, 30, 2));

	private final LocationRepository locations;

	WardDemoData(LocationRepository locations) {
		this.locations = locations;
	}

	@Override
	public String name() {
		return "adt-wards";
	}

	@Override
	public int order() {
		return 20;
	}

	@Override
	public void seed(DemoSize size) {
		for (Plan plan : PLANS) {
			long ward = locations.insertWard(plan.code(), plan.name(), plan.specialty());
			int placed = 0;
			for (int room = 1; placed < plan.beds(); room++) {
				int inRoom = Math.min(plan.roomSizes()[(room - 1) % plan.roomSizes().length], plan.beds() - placed);
				String roomCode = plan.floor() + String.format("%02d", room);
				long roomId = locations.insertRoom(ward, roomCode);
				for (int b = 0; b < inRoom; b++) {
					locations.insertBed(roomId, inRoom == 1 ? roomCode : roomCode + (char) ('A' + b));
				}
				placed += inRoom;
			}
		}
	}

}
