package continuum.security;

import continuum.platform.DemoDataContributor;
import org.springframework.stereotype.Component;

/**
 * The demo account of the privacy officer ({@code privacy}). Seeded under its own name so
 * that a demo hospital seeded before the role existed gets it at its next start.
 */
@Component
class PrivacyOfficerDemoData implements DemoDataContributor {

	private final StaffService staff;

	PrivacyOfficerDemoData(StaffService staff) {
		this.staff = staff;
	}

	@Override
	public String name() {
		return "staff-privacy-officer";
	}

	@Override
	public int order() {
		return 13;
	}

	@Override
	public void seed(DemoSize size) {
		StaffDemoData.add(staff, size, Role.PRIVACY_OFFICER, "Hermans", "Lotte", null);
	}

}
