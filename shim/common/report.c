/* The table of reports (report.h): reading it. Pure, libc-free. */
#include "config.h"

#include "report.h"

static uint32_t strings_start(const struct report_head *head)
{
	return (uint32_t)(sizeof(*head) +
			  head->n_entries * sizeof(struct report_entry) +
			  head->n_names * sizeof(uint32_t));
}

int report_check(const void *block, size_t len)
{
	const struct report_head *head = block;
	const struct report_entry *entries;
	const uint32_t *names;
	const char *bytes = block;
	uint64_t start;

	if (len < sizeof(*head) || len > UINT32_MAX ||
	    (uintptr_t)block % 4 != 0 || head->magic != REPORT_MAGIC ||
	    head->size != len || head->n_entries > REPORT_MAX_ENTRIES ||
	    head->n_names > 4096)
		return 0;
	start = sizeof(*head) +
		(uint64_t)head->n_entries * sizeof(struct report_entry) +
		(uint64_t)head->n_names * sizeof(uint32_t);
	/* at least the empty string at offset 0, and a NUL at the end */
	if (start >= len || bytes[start] != '\0' || bytes[len - 1] != '\0')
		return 0;
	entries = (const struct report_entry *)(head + 1);
	names = (const uint32_t *)(entries + head->n_entries);
	for (uint32_t i = 0; i < head->n_entries; i++)
		if (entries[i].kind >= REPORT_KINDS ||
		    entries[i].file >= len - start ||
		    entries[i].text >= len - start)
			return 0;
	for (uint32_t i = 0; i < head->n_names; i++)
		if (names[i] >= len - start)
			return 0;
	return 1;
}

const struct report_entry *report_entry(const void *block, uint32_t data)
{
	const struct report_head *head = block;
	uint32_t index = data - REPORT_TAG;

	if ((data & REPORT_TAG) != REPORT_TAG || index >= head->n_entries)
		return 0;
	return (const struct report_entry *)(head + 1) + index;
}

const char *report_string(const void *block, uint32_t off)
{
	return (const char *)block + strings_start(block) + off;
}

const char *report_name(const void *block, uint32_t nr)
{
	const struct report_head *head = block;
	const uint32_t *names;

	if (nr >= head->n_names)
		return 0;
	names = (const uint32_t *)((const struct report_entry *)(head + 1) +
				   head->n_entries);
	return names[nr] ? report_string(block, names[nr]) : 0;
}
