/** The health of a Netx node for Spring Boot's health endpoint. */
package dev.netx.spring.health;
