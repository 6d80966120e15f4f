package continuum.downtime.viewer;

import java.net.InetAddress;
import java.net.UnknownHostException;

import continuum.downtime.DowntimeSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The address the viewer listens on, decided before it binds, by the server's rule for
 * the demo hospital: the operator's {@code CONTINUUM_DOWNTIME_LISTEN_ADDRESS} when set;
 * else loopback only ({@code 127.0.0.1}) while the store holds enabled demo accounts,
 * which share one password; else every interface. A node started empty listens on every
 * interface until its next start: demo accounts it loads meanwhile cannot sign in
 * ({@link DemoAccountCheck} accepts them only while the node listens on loopback alone).
 */
@Component
class ListenAddress implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

	private static final Logger log = LoggerFactory.getLogger(ListenAddress.class);

	/** Null: every interface. */
	private final @Nullable InetAddress address;

	ListenAddress(DowntimeSettings settings, StaffAccounts accounts) {
		this.address = decide(settings.listen().address(), demoAccountsIn(accounts));
	}

	/**
	 * The address for the operator's setting ({@code configured}, null or blank when
	 * none) and whether the store holds demo accounts.
	 */
	static @Nullable InetAddress decide(@Nullable String configured, boolean demoAccounts) {
		if (configured != null && !configured.isBlank()) {
			try {
				InetAddress named = InetAddress.getByName(configured.strip());
				return named.isAnyLocalAddress() ? null : named;
			}
			catch (UnknownHostException unknown) {
				throw new IllegalStateException(
						"CONTINUUM_DOWNTIME_LISTEN_ADDRESS names no address of this machine: " + configured, unknown);
			}
		}
		return demoAccounts ? InetAddress.getLoopbackAddress() : null;
	}

	private static boolean demoAccountsIn(StaffAccounts accounts) {
		try {
			return accounts.anyEnabledDemoAccount();
		}
		catch (DataAccessException unreadable) {
			// The store's own failure stops the start elsewhere; demo accounts stay
			// refused
			// off loopback whatever is decided here.
			return false;
		}
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		factory.setAddress(address);
		if (loopbackOnly()) {
			log.info(
					"The viewer listens on {} only: demo accounts (one shared password) may sign in here;"
							+ " CONTINUUM_DOWNTIME_LISTEN_ADDRESS opens the node to the network",
					address.getHostAddress());
		}
		else {
			log.info("The viewer listens on {}: demo accounts are refused here",
					address == null ? "every interface" : address.getHostAddress());
		}
	}

	/** Whether the viewer can be reached from this machine alone. */
	boolean loopbackOnly() {
		return address != null && address.isLoopbackAddress();
	}

}
