package continuum.security;

import continuum.platform.DemoPassword;
import continuum.platform.PlatformSettings;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the server without the demo hospital ({@code CONTINUUM_DEMO=false})
 * over a database that still has enabled demo accounts: they share one password, and a
 * start without the demo listens on every interface. Checked before the server opens its
 * ports. Operator commands (backup, audit verify...) are not servers and are let through.
 */
@Component
class DemoAccountsCheck implements SmartInitializingSingleton {

	private final StaffRepository staff;

	private final DemoPassword demoPassword;

	private final PlatformSettings settings;

	DemoAccountsCheck(StaffRepository staff, DemoPassword demoPassword, PlatformSettings settings) {
		this.staff = staff;
		this.demoPassword = demoPassword;
		this.settings = settings;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (demoPassword.value() != null || settings.command() != null) {
			return;
		}
		long demoAccounts = staff.enabledDemoAccounts();
		if (demoAccounts > 0) {
			throw new IllegalStateException(
					"Started without the demo hospital (CONTINUUM_DEMO=false), but the database " + "holds "
							+ demoAccounts + " enabled demo accounts, which share one password. Start a production "
							+ "system on an empty data directory (or database), or disable the demo accounts first (Staff "
							+ "pages, after creating your own administrator), or keep the demo on (CONTINUUM_DEMO=true).");
		}
	}

}
