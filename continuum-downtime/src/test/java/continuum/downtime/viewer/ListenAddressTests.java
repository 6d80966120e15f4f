package continuum.downtime.viewer;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer's address for each combination of the operator's setting and demo accounts
 * in the store, decided without binding anything: the setting wins; without it, loopback
 * only with demo accounts, every interface (null) without.
 */
class ListenAddressTests {

	@Test
	void withoutTheSettingDemoAccountsKeepTheNodeOnLoopback() {
		assertThat(ListenAddress.decide(null, true)).isEqualTo(InetAddress.getLoopbackAddress());
		assertThat(ListenAddress.decide(" ", true)).isEqualTo(InetAddress.getLoopbackAddress());
		assertThat(ListenAddress.decide(null, false)).as("every interface").isNull();
	}

	@Test
	void theOperatorsSettingWins() throws Exception {
		assertThat(ListenAddress.decide("0.0.0.0", true)).as("every interface").isNull();
		assertThat(ListenAddress.decide("10.1.2.3", true)).isEqualTo(InetAddress.getByName("10.1.2.3"));
		assertThat(ListenAddress.decide("127.0.0.1", false).isLoopbackAddress()).isTrue();
		assertThat(ListenAddress.decide("::1", false).isLoopbackAddress()).isTrue();
	}

}
