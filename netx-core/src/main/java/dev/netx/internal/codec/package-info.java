/** Default implementations of the codec SPI. */
package dev.netx.internal.codec;
