// SPDX-License-Identifier: GPL-2.0
/*
 * piot-i2c-sim: an I2C bus with one simulated Bosch BME280 on it, for testing piot's real
 * hardware path (Pi4J linuxfs, /dev/i2c-N) in a VM that has no I2C hardware.
 *
 * Why not the kernel's i2c-stub: it answers SMBus transfers only, while Pi4J's linuxfs provider
 * reads registers with a plain I2C combined transfer (I2C_RDWR: write the register number, then a
 * read with a repeated start). This adapter implements master_xfer, so it answers I2C_RDWR,
 * plain read()/write() on /dev/i2c-N, and (emulated by the I2C core) SMBus as well.
 *
 * The device model (BME280 datasheet, section 5): chip id 0xD0 = 0x60; calibration 0x88..0xA1
 * and 0xE1..0xE7 holding the datasheet's example trimming (humidity: a typical chip's values);
 * soft reset 0xE0 (write 0xB6); ctrl_hum 0xF2, latched by the next ctrl_meas write; status 0xF3
 * (always idle: a measurement completes at once); ctrl_meas 0xF4 (forced mode measures once and
 * falls back to sleep; normal mode measures on every data read); config 0xF5; data 0xF7..0xFE
 * with their reset values (0x80000 / 0x8000) until the first measurement, and "skipped" for a
 * quantity whose oversampling is 0. The raw ADC values a measurement produces are the module
 * parameters adc_t, adc_p and adc_h, writable in /sys/module/piot_i2c_sim/parameters/ while the
 * module is loaded, so a test can change the "weather" and watch the readings follow.
 * A transfer to any other address is not acknowledged (-ENXIO), as on a real bus.
 *
 * Load: modprobe i2c-dev; insmod piot-i2c-sim.ko [bus=1] [addr=0x76] [adc_t=519888] ...
 */
#include <linux/i2c.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/string.h>

static int bus = 1;
module_param(bus, int, 0444);
MODULE_PARM_DESC(bus, "I2C bus number of the simulated adapter (default 1, as on a Pi's header)");

static int addr = 0x76;
module_param(addr, int, 0444);
MODULE_PARM_DESC(addr, "7-bit address of the simulated BME280 (0x76 or 0x77)");

/* The datasheet's worked example (section 8.2): 25.08 degC and 100653 Pa with its trimming. */
static int adc_t = 519888;
module_param(adc_t, int, 0644);
MODULE_PARM_DESC(adc_t, "raw 20-bit temperature the next measurement reports");

static int adc_p = 415148;
module_param(adc_p, int, 0644);
MODULE_PARM_DESC(adc_p, "raw 20-bit pressure the next measurement reports");

static int adc_h = 28000;
module_param(adc_h, int, 0644);
MODULE_PARM_DESC(adc_h, "raw 16-bit humidity the next measurement reports");

#define REG_CALIB1 0x88
#define REG_ID 0xD0
#define REG_RESET 0xE0
#define REG_CALIB2 0xE1
#define REG_CTRL_HUM 0xF2
#define REG_STATUS 0xF3
#define REG_CTRL_MEAS 0xF4
#define REG_CONFIG 0xF5
#define REG_DATA 0xF7

struct bme280_sim {
	struct mutex lock;
	u8 regs[256];
	u8 pointer;     /* register address auto-incremented by reads and writes */
	u8 hum_latched; /* osrs_h in effect (ctrl_hum as of the last ctrl_meas write) */
};

static struct bme280_sim chip;
static struct i2c_adapter adapter;

static const s32 trimming[] = {
	27504, 26435, -1000,                                          /* T1..T3 */
	36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,       /* P1..P9 */
};
static const int h1 = 75, h2 = 362, h3 = 0, h4 = 313, h5 = 50, h6 = 30;

static void put_data(u8 *r, u32 p, u32 t, u16 h)
{
	r[0] = p >> 12; r[1] = p >> 4; r[2] = (p & 0x0F) << 4;
	r[3] = t >> 12; r[4] = t >> 4; r[5] = (t & 0x0F) << 4;
	r[6] = h >> 8; r[7] = h;
}

static void chip_reset(struct bme280_sim *c)
{
	int i;

	memset(c->regs, 0, sizeof(c->regs));
	c->regs[REG_ID] = 0x60;
	for (i = 0; i < ARRAY_SIZE(trimming); i++) {
		c->regs[REG_CALIB1 + 2 * i] = trimming[i] & 0xFF;
		c->regs[REG_CALIB1 + 2 * i + 1] = (trimming[i] >> 8) & 0xFF;
	}
	c->regs[0xA1] = h1;
	c->regs[REG_CALIB2 + 0] = h2 & 0xFF;
	c->regs[REG_CALIB2 + 1] = (h2 >> 8) & 0xFF;
	c->regs[REG_CALIB2 + 2] = h3;
	c->regs[REG_CALIB2 + 3] = (h4 >> 4) & 0xFF;
	c->regs[REG_CALIB2 + 4] = (h4 & 0x0F) | ((h5 & 0x0F) << 4);
	c->regs[REG_CALIB2 + 5] = (h5 >> 4) & 0xFF;
	c->regs[REG_CALIB2 + 6] = h6;
	put_data(&c->regs[REG_DATA], 0x80000, 0x80000, 0x8000);
	c->hum_latched = 0;
	c->pointer = 0;
}

/* One conversion with the oversampling in effect; a quantity with oversampling 0 is skipped. */
static void measure(struct bme280_sim *c)
{
	u8 meas = c->regs[REG_CTRL_MEAS];
	u32 t = (meas >> 5) ? (READ_ONCE(adc_t) & 0xFFFFF) : 0x80000;
	u32 p = ((meas >> 2) & 7) ? (READ_ONCE(adc_p) & 0xFFFFF) : 0x80000;
	u16 h = c->hum_latched ? (READ_ONCE(adc_h) & 0xFFFF) : 0x8000;

	put_data(&c->regs[REG_DATA], p, t, h);
}

static void write_reg(struct bme280_sim *c, u8 reg, u8 value)
{
	switch (reg) {
	case REG_RESET:
		if (value == 0xB6)
			chip_reset(c);
		break;
	case REG_CTRL_HUM:
		c->regs[reg] = value & 0x07;
		break;
	case REG_CTRL_MEAS:
		c->regs[reg] = value;
		c->hum_latched = c->regs[REG_CTRL_HUM] & 0x07;
		if ((value & 0x03) == 0x01 || (value & 0x03) == 0x02) {
			/* Forced mode: one measurement, then back to sleep. */
			measure(c);
			c->regs[reg] = value & ~0x03;
		}
		break;
	case REG_CONFIG:
		c->regs[reg] = value & 0xFD; /* bit 1 is reserved */
		break;
	default:
		break; /* id, calibration, status and data are read-only */
	}
}

static u8 read_reg(struct bme280_sim *c, u8 reg)
{
	/* Normal mode: a burst read from the first data register sees a fresh measurement. */
	if (reg == REG_DATA && (c->regs[REG_CTRL_MEAS] & 0x03) == 0x03)
		measure(c);
	return c->regs[reg];
}

static int sim_xfer(struct i2c_adapter *adap, struct i2c_msg *msgs, int num)
{
	int i, j;

	mutex_lock(&chip.lock);
	for (i = 0; i < num; i++) {
		struct i2c_msg *m = &msgs[i];

		if (m->addr != addr || (m->flags & I2C_M_TEN)) {
			mutex_unlock(&chip.lock);
			return -ENXIO;
		}
		if (m->flags & I2C_M_RD) {
			for (j = 0; j < m->len; j++)
				m->buf[j] = read_reg(&chip, chip.pointer++);
		} else if (m->len > 0) {
			chip.pointer = m->buf[0];
			for (j = 1; j < m->len; j++)
				write_reg(&chip, chip.pointer++, m->buf[j]);
		}
	}
	mutex_unlock(&chip.lock);
	return num;
}

static u32 sim_functionality(struct i2c_adapter *adap)
{
	return I2C_FUNC_I2C | I2C_FUNC_SMBUS_EMUL;
}

static const struct i2c_algorithm sim_algorithm = {
	.master_xfer = sim_xfer,
	.functionality = sim_functionality,
};

static int __init piot_i2c_sim_init(void)
{
	int ret;

	if (addr < 0x03 || addr > 0x77) {
		pr_err("piot-i2c-sim: addr 0x%x is not a 7-bit device address\n", addr);
		return -EINVAL;
	}
	mutex_init(&chip.lock);
	chip_reset(&chip);
	adapter.owner = THIS_MODULE;
	adapter.class = 0; /* no probing by other drivers: only user space talks to this chip */
	adapter.algo = &sim_algorithm;
	adapter.nr = bus;
	strscpy(adapter.name, "piot BME280 simulator", sizeof(adapter.name));
	ret = i2c_add_numbered_adapter(&adapter);
	if (ret) {
		pr_err("piot-i2c-sim: cannot add i2c-%d: %d\n", bus, ret);
		return ret;
	}
	pr_info("piot-i2c-sim: i2c-%d with a simulated BME280 at 0x%02x\n", bus, addr);
	return 0;
}

static void __exit piot_i2c_sim_exit(void)
{
	i2c_del_adapter(&adapter);
}

module_init(piot_i2c_sim_init);
module_exit(piot_i2c_sim_exit);
MODULE_DESCRIPTION("I2C adapter with a simulated BME280, answering plain I2C transfers (I2C_RDWR)");
MODULE_LICENSE("GPL");
