package continuum.security;

import continuum.platform.DemoDataContributor;
import org.springframework.stereotype.Component;

/**
 * The demo account of the clinical biologist ({@code labmed}), who releases laboratory
 * results. Seeded under its own name so that a demo hospital seeded before the role
 * existed gets it at its next start.
 */
@Component
class LabSpecialistDemoData implements DemoDataContributor {

	private final StaffService staff;

	LabSpecialistDemoData(StaffService staff) {
		this.staff = staff;
	}

	@Override
	public String name() {
		return "staff-lab-specialist";
	}

	@Override
	public int order() {
		return 12;
	}

	@Override
	public void seed(DemoSize size) {
		StaffDemoData.add(staff, size, Role.LAB_SPECIALIST, "Desmet", "Ingrid", "Dr.");
	}

}
