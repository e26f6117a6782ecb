peaksim_validation(test_money test_money.cpp)
