/* ctor-loop: stops libctorloop's thread after 2000 attempts (ctorloop.c). */
void ctor_loop_stop(unsigned long min);

int main(void)
{
	ctor_loop_stop(2000);
	return 0;
}
