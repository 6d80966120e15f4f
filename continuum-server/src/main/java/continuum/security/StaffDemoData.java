package continuum.security;

import continuum.platform.DemoDataContributor;
import org.springframework.stereotype.Component;

/**
 * One demo account per role, named after it (admin, physician, nurse, labtech, ...), plus
 * a few more clinicians. The IT team's account is seeded apart
 * ({@link ItOperationsDemoData}) so that hospitals seeded before the role existed get it
 * too.
 */
@Component
class StaffDemoData implements DemoDataContributor {

	private final StaffService staff;

	StaffDemoData(StaffService staff) {
		this.staff = staff;
	}

	@Override
	public String name() {
		return "staff";
	}

	@Override
	public int order() {
		return 10;
	}

	@Override
	public void seed(DemoSize size) {
		add(size, Role.PHYSICIAN, "Peeters", "Anne", "Dr.");
		add(size, Role.NURSE, "Dubois", "Céline", null);
		add(size, Role.LAB_TECHNOLOGIST, "Janssens", "Koen", null);
		add(size, Role.RADIOLOGIST, "Lambert", "Hélène", "Dr.");
		add(size, Role.RADIOGRAPHER, "Maes", "Pieter", null);
		add(size, Role.SCHEDULER, "Willems", "Sofie", null);
		add(size, Role.ADMIN, "Claes", "Marc", null);
		add(size, Role.AUDITOR, "Goossens", "Els", null);
		add(size, Role.SYSTEM, "Interface", "Engine", null);
		String[][] clinicians = { { "physician2", "Wouters", "Bart", "Dr." },
				{ "physician3", "Mertens", "Lien", "Dr." }, { "physician4", "Dupont", "François", "Dr." },
				{ "nurse2", "Jacobs", "Sarah", null }, { "nurse3", "Leroy", "Nathalie", null },
				{ "nurse4", "Vermeulen", "Tom", null } };
		for (String[] c : clinicians) {
			staff.createDemo(new NewStaffMember(c[0], size.password(),
					c[0].startsWith("physician") ? Role.PHYSICIAN : Role.NURSE, c[1], c[2], c[3]));
		}
	}

	static void add(StaffService staff, DemoSize size, Role role, String family, String given, String prefix) {
		staff.createDemo(new NewStaffMember(role.demoUsername(), size.password(), role, family, given, prefix));
	}

	private void add(DemoSize size, Role role, String family, String given, String prefix) {
		add(staff, size, role, family, given, prefix);
	}

}
