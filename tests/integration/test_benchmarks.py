"""The sign-in benchmark keeps working: it times each kind of refused sign-in and says whether they are alike.
(The numbers themselves are read by people from `make benchmark`; no test here depends on how fast anything is.)"""

from benchmarks.__main__ import sign_in_benchmarks


def test_the_sign_in_benchmark_times_each_kind_of_refusal(capsys):
    medians = sign_in_benchmarks(repeat=1)
    assert set(medians) == {
        "POST /staff/sign-in: no such account",
        "POST /staff/sign-in: wrong password",
        "POST /staff/sign-in: locked account",
    }
    assert all(median > 0 for median in medians.values())
    assert "Sign-in medians within 20% of each other:" in capsys.readouterr().out
