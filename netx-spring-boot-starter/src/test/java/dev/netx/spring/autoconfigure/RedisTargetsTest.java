package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.groups.Tuple.tuple;

import dev.netx.spring.NetxRedisProperties;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;

/** Spring Boot's Redis connection details and {@code netx.redis.*} become the right Lettuce URIs. */
class RedisTargetsTest {

    @Test
    void takesAStandaloneRedisWithAclUserDatabaseTimeoutAndTlsFromSpringBoot() {
        DataRedisProperties properties = new DataRedisProperties();
        properties.setUrl("rediss://app:pw@cache:6380/3");
        properties.setTimeout(Duration.ofSeconds(3));
        properties.setConnectTimeout(Duration.ofSeconds(2));
        DataRedisConnectionDetails details = new DataRedisConnectionDetails() {
            @Override
            public String getUsername() {
                return "app";
            }

            @Override
            public String getPassword() {
                return "pw";
            }

            @Override
            public Standalone getStandalone() {
                return Standalone.of("cache", 6380, 3);
            }
        };

        RedisTarget target = RedisTargets.of(details, properties);

        assertThat(target.cluster()).isFalse();
        assertThat(target.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        RedisURI uri = target.uris().get(0);
        assertThat(uri.getHost()).isEqualTo("cache");
        assertThat(uri.getPort()).isEqualTo(6380);
        assertThat(uri.getDatabase()).isEqualTo(3);
        assertThat(credentials(uri).getUsername()).isEqualTo("app");
        assertThat(credentials(uri).getPassword()).containsExactly("pw".toCharArray());
        assertThat(uri.isSsl()).isTrue();
        assertThat(uri.getTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(target.toString()).doesNotContain("pw").contains("cache:6380", "TLS");
    }

    @Test
    void takesSentinelsWithTheirOwnCredentials() {
        DataRedisConnectionDetails details = new DataRedisConnectionDetails() {
            @Override
            public String getPassword() {
                return "data-pw";
            }

            @Override
            public Sentinel getSentinel() {
                return new Sentinel() {
                    public int getDatabase() {
                        return 1;
                    }

                    public String getMaster() {
                        return "shop";
                    }

                    public List<Node> getNodes() {
                        return List.of(new Node("s1", 26379), new Node("s2", 26380));
                    }

                    public String getUsername() {
                        return null;
                    }

                    public String getPassword() {
                        return "sentinel-pw";
                    }
                };
            }
        };

        RedisURI uri = RedisTargets.of(details, null).uris().get(0);

        assertThat(uri.getSentinelMasterId()).isEqualTo("shop");
        assertThat(uri.getDatabase()).isEqualTo(1);
        assertThat(credentials(uri).getPassword()).containsExactly("data-pw".toCharArray());
        assertThat(uri.getSentinels()).extracting(RedisURI::getHost, RedisURI::getPort)
                .containsExactly(tuple("s1", 26379),
                        tuple("s2", 26380));
        assertThat(credentials(uri.getSentinels().get(0)).getPassword()).containsExactly("sentinel-pw".toCharArray());
    }

    @Test
    void refusesAStaticMasterReplicaSetup() {
        DataRedisConnectionDetails details = new DataRedisConnectionDetails() {
            @Override
            public MasterReplica getMasterReplica() {
                return () -> List.of(new Node("a", 6379), new Node("b", 6379));
            }
        };

        assertThatIllegalStateException().isThrownBy(() -> RedisTargets.of(details, null))
                .withMessageContaining("spring.data.redis.masterreplica");
    }

    @Test
    void takesNetxsOwnRedisFromAUrlOrClusterNodes() {
        NetxRedisProperties url = new NetxRedisProperties("rediss://netx:pw@queue:6390/2", null, 6379, 0, null, null,
                new NetxRedisProperties.Ssl(false, null), Duration.ofSeconds(4), null, null, null);
        RedisURI uri = RedisTargets.of(url, null).uris().get(0);
        assertThat(uri.getHost()).isEqualTo("queue");
        assertThat(uri.getPort()).isEqualTo(6390);
        assertThat(uri.getDatabase()).isEqualTo(2);
        assertThat(credentials(uri).getUsername()).isEqualTo("netx");
        assertThat(uri.isSsl()).isTrue();
        assertThat(uri.getTimeout()).isEqualTo(Duration.ofSeconds(4));

        NetxRedisProperties cluster = new NetxRedisProperties(null, null, 6379, 0, null, "pw",
                new NetxRedisProperties.Ssl(true, null), null, null, null,
                new NetxRedisProperties.Cluster(List.of("n1:7000", "n2:7001")));
        RedisTarget target = RedisTargets.of(cluster, null);
        assertThat(target.cluster()).isTrue();
        assertThat(target.uris()).extracting(RedisURI::getPort).containsExactly(7000, 7001);
        assertThat(target.uris()).allSatisfy(seed -> assertThat(seed.isSsl()).isTrue());
    }

    private static RedisCredentials credentials(RedisURI uri) {
        return uri.getCredentialsProvider().resolveCredentials().block();
    }
}
