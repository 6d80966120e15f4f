package continuum.security;

import continuum.platform.DemoDataContributor;
import org.springframework.stereotype.Component;

/**
 * The demo account of the IT team ({@code itops}). Seeded under its own name, after the
 * other staff, so that a demo hospital seeded before the role existed gets it at its next
 * start.
 */
@Component
class ItOperationsDemoData implements DemoDataContributor {

	private final StaffService staff;

	ItOperationsDemoData(StaffService staff) {
		this.staff = staff;
	}

	@Override
	public String name() {
		return "staff-it-operations";
	}

	@Override
	public int order() {
		return 11;
	}

	@Override
	public void seed(DemoSize size) {
		StaffDemoData.add(staff, size, Role.IT_OPERATIONS, "Michiels", "Jonas", null);
	}

}
