peaksim_validation(test_little test_little.cpp)
