package continuum.security;

import continuum.platform.DemoDataContributor;
import org.springframework.stereotype.Component;

/**
 * A second demo administrator ({@code admin2}), so that the two-person rule
 * ({@link StaffApprovalService}) can be tried: one administrator requests, the other
 * approves. Seeded under its own name, so that a demo hospital seeded before it existed
 * gets it at its next start.
 */
@Component
class SecondAdministratorDemoData implements DemoDataContributor {

	static final String USERNAME = "admin2";

	private final StaffService staff;

	SecondAdministratorDemoData(StaffService staff) {
		this.staff = staff;
	}

	@Override
	public String name() {
		return "staff-second-administrator";
	}

	@Override
	public int order() {
		return 12;
	}

	@Override
	public void seed(DemoSize size) {
		staff.createDemo(new NewStaffMember(USERNAME, size.password(), Role.ADMIN, "Hermans", "Ann", null));
	}

}
